package dev.baton.edge.store;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * The files of one credential as the key store keeps them. {@code toString} never shows the key.
 *
 * @param certificateId the certificate the credential delegates from (names the directory)
 * @param serial the credential serial (names the files)
 * @param chainPem the certificate chain, PEM, end-entity first
 * @param delegatedCredential the RFC 9345 DelegatedCredential bytes
 * @param privateKeyPem the credential private key, PKCS#8 PEM
 */
public record StoredCredential(
    String certificateId, String serial, byte[] chainPem, byte[] delegatedCredential, byte[] privateKeyPem) {

  public StoredCredential {
    KeyStoreDirectory.requireValidCertificateId(requireNonNull(certificateId, "certificateId must not be null"));
    KeyStoreDirectory.requireValidSerial(requireNonNull(serial, "serial must not be null"));
    chainPem = requireNonNull(chainPem, "chainPem must not be null").clone();
    delegatedCredential = requireNonNull(delegatedCredential, "delegatedCredential must not be null").clone();
    privateKeyPem = requireNonNull(privateKeyPem, "privateKeyPem must not be null").clone();
  }

  @Override
  public byte[] chainPem() {
    return chainPem.clone();
  }

  @Override
  public byte[] delegatedCredential() {
    return delegatedCredential.clone();
  }

  @Override
  public byte[] privateKeyPem() {
    return privateKeyPem.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredCredential c && certificateId.equals(c.certificateId) && serial.equals(c.serial)
        && Arrays.equals(chainPem, c.chainPem) && Arrays.equals(delegatedCredential, c.delegatedCredential)
        && Arrays.equals(privateKeyPem, c.privateKeyPem);
  }

  @Override
  public int hashCode() {
    return 31 * certificateId.hashCode() + serial.hashCode();
  }

  @Override
  public String toString() {
    return "StoredCredential[certificateId=" + certificateId + ", serial=" + serial + ", privateKey=***]";
  }
}
