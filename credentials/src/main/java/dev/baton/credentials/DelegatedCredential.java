package dev.baton.credentials;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** RFC 9345 DelegatedCredential: credential, algorithm, signature. Immutable. */
public final class DelegatedCredential {

  /** Strict parse: exact lengths, no trailing bytes. Throws {@link MalformedCredentialException}. */
  public static DelegatedCredential parse(byte[] bytes) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The wire bytes. */
  public byte[] encode() {
    throw new UnsupportedOperationException("skeleton");
  }

  public Credential credential() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The algorithm the delegation certificate's key signed with. */
  public SignatureScheme algorithm() {
    throw new UnsupportedOperationException("skeleton");
  }

  public byte[] signature() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The DC public key decoded from the SPKI. */
  public PublicKey publicKey() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** notBefore of the certificate + valid_time. */
  public Instant expiresAt(X509Certificate delegationCertificate) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Lowercase hex of SHA-256 over {@link #encode()} (64 chars). Binds seals to this DC. */
  public String fingerprint() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The first 32 hex chars of {@link #fingerprint()}: names files and events. */
  public String serial() {
    throw new UnsupportedOperationException("skeleton");
  }
}
