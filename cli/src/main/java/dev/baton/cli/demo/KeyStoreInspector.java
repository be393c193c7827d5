package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.credentials.CredentialVerifier;
import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.Pem;
import dev.baton.credentials.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads an edge's key store from its files alone, as a TLS terminator beside the agent would
 * ({@code <store>/<certificateId>/current}, {@code dc-<serial>.bin}, {@code dc-<serial>.key},
 * {@code chain.pem}), and checks each current credential: the chain is signed by the demo CA, and
 * the credential passes every RFC 9345 check a TLS client makes, including that the key matches.
 * This is the demo's judge of coverage, independent of what the agents report.
 */
public final class KeyStoreInspector {
  private final X509Certificate trustAnchor;
  private final CredentialVerifier verifier;

  /**
   * @param trustAnchor the CA every delegation certificate must be signed by
   * @param clock the time the credentials must be valid at
   */
  public KeyStoreInspector(X509Certificate trustAnchor, Clock clock) {
    this.trustAnchor = requireNonNull(trustAnchor, "trustAnchor must not be null");
    this.verifier = new CredentialVerifier(requireNonNull(clock, "clock must not be null"));
  }

  /**
   * The current credential of one certificate in a store.
   *
   * @param certificateId the certificate
   * @param serial the credential serial named by {@code current}
   * @param expiresAt its expiry (null if it could not be read)
   * @param problems why it is not usable (empty: valid)
   */
  public record StoredCredential(String certificateId, String serial, Instant expiresAt, List<String> problems) {
    public StoredCredential {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /** Every certificate in the store that has a {@code current} credential, by certificate id. */
  public Map<String, StoredCredential> inspect(Path store) {
    Map<String, StoredCredential> out = new TreeMap<>();
    if (!Files.isDirectory(store)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(store)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        Path current = dir.resolve("current");
        if (Files.isRegularFile(current)) {
          String id = dir.getFileName().toString();
          out.put(id, check(id, dir, Files.readString(current, StandardCharsets.US_ASCII).trim()));
        }
      }
    } catch (IOException e) {
      // The agent may be replacing files right now; the next look will see a consistent store.
      return out;
    }
    return out;
  }

  private StoredCredential check(String id, Path dir, String serial) {
    List<String> problems = new ArrayList<>();
    Instant expiresAt = null;
    try {
      DelegatedCredential dc = DelegatedCredential.parse(Files.readAllBytes(dir.resolve("dc-" + serial + ".bin")));
      PrivateKey key = Pem.readPrivateKey(dir.resolve("dc-" + serial + ".key"));
      X509Certificate leaf = Pem.readCertificates(dir.resolve("chain.pem")).get(0);
      if (!dc.serial().equals(serial)) {
        problems.add("current names " + serial + " but the file holds " + dc.serial());
      }
      try {
        leaf.verify(trustAnchor.getPublicKey());
      } catch (GeneralSecurityException e) {
        problems.add("the certificate is not signed by the demo CA: " + e.getMessage());
      }
      VerificationResult r = verifier.verify(dc, leaf, key);
      expiresAt = dc.expiresAt(leaf);
      if (!r.valid()) {
        problems.add(r.describe());
      }
    } catch (IOException | RuntimeException e) {
      problems.add("unreadable: " + e.getMessage());
    }
    return new StoredCredential(id, serial, expiresAt, problems);
  }
}
