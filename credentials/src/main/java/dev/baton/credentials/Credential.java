package dev.baton.credentials;

import java.time.Duration;

/**
 * RFC 9345 Credential: valid_time (seconds from the certificate's notBefore), the DC's
 * CertificateVerify algorithm, and its SubjectPublicKeyInfo (DER). Immutable; arrays copied.
 */
public record Credential(Duration validTime, SignatureScheme dcCertVerifyAlgorithm, byte[] subjectPublicKeyInfo) {
  // skeleton: compact constructor validates and copies; accessors return copies; equals/hashCode by content.

  /** The TLS encoding: uint32 valid_time, uint16 scheme, opaque ASN1_subjectPublicKeyInfo<1..2^24-1>. */
  public byte[] encode() {
    throw new UnsupportedOperationException("skeleton");
  }
}
