package dev.baton.issuer;

import dev.baton.credentials.CertificateMaker;
import dev.baton.credentials.KeyFiles;
import dev.baton.credentials.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Writes delegation certificates into an inventory directory, the way an operator would. */
public final class TestCertificates {
  private TestCertificates() {}

  /** A delegation certificate valid from an hour ago for {@code validity}. */
  public static CertificateMaker.Made make(String name, Clock clock, Duration validity) {
    return CertificateMaker.forName(name + ".example").clock(clock).validity(validity).make();
  }

  /** {@code <inventory>/<id>/cert.pem} (end-entity, then CA) and {@code key.pem} (0600). */
  public static Path writePem(Path inventory, String id, CertificateMaker.Made made) throws IOException {
    Path dir = Files.createDirectories(inventory.resolve(id));
    List<X509Certificate> chain = List.of(made.certificate(), made.caCertificate());
    KeyFiles.writePublic(dir.resolve("cert.pem"), Pem.encodeCertificates(chain).getBytes(StandardCharsets.US_ASCII));
    KeyFiles.writeSecret(dir.resolve("key.pem"), Pem.encodePrivateKey(made.privateKey()).getBytes(StandardCharsets.US_ASCII));
    return dir;
  }

  /** {@code <inventory>/<id>/cert.p12} protected by {@code password}. */
  public static Path writeP12(Path inventory, String id, CertificateMaker.Made made, String password)
      throws IOException, GeneralSecurityException {
    Path dir = Files.createDirectories(inventory.resolve(id));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("dc", made.privateKey(), password.toCharArray(),
        new X509Certificate[] {made.certificate(), made.caCertificate()});
    try (OutputStream out = Files.newOutputStream(dir.resolve("cert.p12"))) {
      store.store(out, password.toCharArray());
    }
    return dir;
  }
}
