package dev.baton.issuer.inventory;

import dev.baton.credentials.CredentialPolicyException;
import dev.baton.credentials.DelegationCertificate;
import dev.baton.credentials.FileKeySigner;
import dev.baton.credentials.Pem;
import dev.baton.credentials.Signer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads one inventory directory: {@code cert.pem} (chain, end-entity first) with {@code key.pem},
 * or {@code cert.p12} whose password is in the environment variable
 * {@code BATON_P12_PASSWORD_<ID>} (id upper-cased, {@code .} and {@code -} as {@code _}).
 * Checks RFC 9345 section 4.2 and that the key belongs to the certificate; not the dates.
 */
final class CertificateLoader {

  static final String CERT_PEM = "cert.pem";
  static final String KEY_PEM = "key.pem";
  static final String P12 = "cert.p12";
  static final String P12_PASSWORD_PREFIX = "BATON_P12_PASSWORD_";

  /** A loaded certificate and its signer. */
  record Loaded(DelegationCertificate certificate, Signer signer, String source) {}

  private final Map<String, String> env;

  CertificateLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The environment variable holding the PKCS#12 password of a certificate id. */
  static String passwordVariable(String id) {
    return P12_PASSWORD_PREFIX + id.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The files whose content decides whether a directory must be reloaded. */
  static List<Path> inputFiles(Path dir) {
    return List.of(dir.resolve(CERT_PEM), dir.resolve(KEY_PEM), dir.resolve(P12));
  }

  /** Loads and checks a directory; throws {@link InventoryException} with the reason. */
  Loaded load(String id, Path dir) {
    if (Files.isRegularFile(dir.resolve(CERT_PEM))) {
      if (!Files.isRegularFile(dir.resolve(KEY_PEM))) {
        throw new InventoryException(Rejection.Reason.MISSING_FILES, dir.resolve(KEY_PEM) + " is missing (next to " + CERT_PEM + ")");
      }
      return checked(loadPem(dir), dir.resolve(CERT_PEM) + " + " + KEY_PEM);
    }
    if (Files.isRegularFile(dir.resolve(P12))) {
      return checked(loadP12(id, dir.resolve(P12)), dir.resolve(P12).toString());
    }
    throw new InventoryException(Rejection.Reason.MISSING_FILES,
        dir + " holds neither " + CERT_PEM + " + " + KEY_PEM + " nor " + P12);
  }

  private static Loaded loadPem(Path dir) {
    List<X509Certificate> chain;
    Signer signer;
    try {
      chain = Pem.readCertificates(dir.resolve(CERT_PEM));
    } catch (RuntimeException e) {
      throw unreadable(e);
    }
    try {
      signer = FileKeySigner.load(dir.resolve(KEY_PEM));
    } catch (RuntimeException e) {
      // Only the exception type: a parser's message might quote the file's content.
      throw new InventoryException(Rejection.Reason.UNREADABLE,
          dir.resolve(KEY_PEM) + " is not a readable private key (" + e.getClass().getSimpleName() + ")");
    }
    return new Loaded(delegation(chain, dir.resolve(CERT_PEM)), signer, "");
  }

  private Loaded loadP12(String id, Path file) {
    String variable = passwordVariable(id);
    String password = env.get(variable);
    if (password == null) {
      throw new InventoryException(Rejection.Reason.PASSWORD_MISSING,
          file + " needs its password in the environment variable " + variable);
    }
    char[] pw = password.toCharArray();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, pw);
      List<String> keyAliases = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keyAliases.add(alias);
        }
      }
      if (keyAliases.size() != 1) {
        throw new InventoryException(Rejection.Reason.UNREADABLE,
            file + " must hold exactly one private key entry, found " + keyAliases.size());
      }
      Key key = store.getKey(keyAliases.get(0), pw);
      Certificate[] certs = store.getCertificateChain(keyAliases.get(0));
      if (!(key instanceof PrivateKey privateKey) || certs == null || certs.length == 0) {
        throw new InventoryException(Rejection.Reason.UNREADABLE, file + " has no certificate chain for its key");
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : certs) {
        chain.add((X509Certificate) c);
      }
      Signer signer;
      try {
        signer = FileKeySigner.of(privateKey, chain.get(0).getPublicKey());
      } catch (IllegalArgumentException e) {
        throw new InventoryException(Rejection.Reason.KEY_MISMATCH, file + ": " + e.getMessage());
      }
      return new Loaded(delegation(chain, file), signer, "");
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      throw new InventoryException(Rejection.Reason.UNREADABLE,
          file + " cannot be opened (wrong password or not PKCS#12): " + e.getClass().getSimpleName());
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  private static DelegationCertificate delegation(List<X509Certificate> chain, Path file) {
    if (chain.isEmpty()) {
      throw new InventoryException(Rejection.Reason.UNREADABLE, file + " holds no certificate");
    }
    try {
      return DelegationCertificate.of(chain);
    } catch (CredentialPolicyException e) {
      throw new InventoryException(Rejection.Reason.NOT_DELEGATION_CERTIFICATE,
          file + ": " + e.getMessage(), e);
    }
  }

  private static Loaded checked(Loaded loaded, String source) {
    PublicKey certKey = loaded.certificate().certificate().getPublicKey();
    PublicKey signerKey = loaded.signer().publicKey();
    boolean same = Arrays.equals(certKey.getEncoded(), signerKey.getEncoded())
        // RSA keys may differ only in how their parameters are encoded.
        || certKey instanceof RSAPublicKey a && signerKey instanceof RSAPublicKey b
            && a.getModulus().equals(b.getModulus()) && a.getPublicExponent().equals(b.getPublicExponent());
    if (!same) {
      throw new InventoryException(Rejection.Reason.KEY_MISMATCH,
          source + ": the private key does not belong to the certificate");
    }
    return new Loaded(loaded.certificate(), loaded.signer(), source);
  }

  private static InventoryException unreadable(RuntimeException e) {
    // Pem's messages name the file already and never quote key bytes.
    return new InventoryException(Rejection.Reason.UNREADABLE, e.getMessage(), e);
  }
}
