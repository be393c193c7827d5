package dev.baton.credentials;

import java.security.PrivateKey;
import java.time.Instant;

/**
 * A freshly minted DC and its private key. {@code toString} never shows the key.
 *
 * @param credential the DC
 * @param privateKey the DC private key
 * @param expiresAt certificate notBefore + valid_time
 */
public record MintedCredential(DelegatedCredential credential, PrivateKey privateKey, Instant expiresAt) {
  /** All required. */
  public MintedCredential {
    java.util.Objects.requireNonNull(credential, "credential must not be null");
    java.util.Objects.requireNonNull(privateKey, "privateKey must not be null");
    java.util.Objects.requireNonNull(expiresAt, "expiresAt must not be null");
  }

  /** PKCS#8 PEM text of the private key (write it 0600: see {@code KeyFiles}). */
  public String privateKeyPem() {
    return Pem.encodePrivateKey(privateKey);
  }

  /** PKCS#8 DER of the private key. */
  public byte[] privateKeyPkcs8() {
    return privateKey.getEncoded();
  }

  @Override
  public String toString() {
    return "MintedCredential[serial=" + credential.serial() + ", expiresAt=" + expiresAt + ", privateKey=***]";
  }
}
