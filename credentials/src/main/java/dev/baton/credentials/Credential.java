package dev.baton.credentials;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Arrays;

/**
 * RFC 9345 Credential: valid_time (seconds from the certificate's notBefore), the DC's
 * CertificateVerify algorithm, and its SubjectPublicKeyInfo (DER). Immutable; arrays copied.
 *
 * @param validTime whole seconds, 0 to 2^32-1
 * @param dcCertVerifyAlgorithm the scheme the DC key signs CertificateVerify with
 * @param subjectPublicKeyInfo DER SPKI of the DC key, 1 to 2^24-1 bytes
 */
public record Credential(Duration validTime, SignatureScheme dcCertVerifyAlgorithm, byte[] subjectPublicKeyInfo) {
  static final long MAX_VALID_TIME = 0xFFFF_FFFFL;
  static final int MAX_SPKI_LENGTH = 0xFF_FFFF;

  /** Validates ranges and copies the SPKI. */
  public Credential {
    requireNonNull(validTime, "validTime must not be null");
    requireNonNull(dcCertVerifyAlgorithm, "dcCertVerifyAlgorithm must not be null");
    requireNonNull(subjectPublicKeyInfo, "subjectPublicKeyInfo must not be null");
    if (validTime.getNano() != 0 || validTime.isNegative() || validTime.getSeconds() > MAX_VALID_TIME) {
      throw new IllegalArgumentException("validTime must be whole seconds in 0..2^32-1, got " + validTime);
    }
    if (subjectPublicKeyInfo.length < 1 || subjectPublicKeyInfo.length > MAX_SPKI_LENGTH) {
      throw new IllegalArgumentException("subjectPublicKeyInfo must be 1..2^24-1 bytes, got " + subjectPublicKeyInfo.length);
    }
    subjectPublicKeyInfo = subjectPublicKeyInfo.clone();
  }

  /** A copy of the DER SPKI. */
  @Override
  public byte[] subjectPublicKeyInfo() {
    return subjectPublicKeyInfo.clone();
  }

  /** The TLS encoding: uint32 valid_time, uint16 scheme, opaque ASN1_subjectPublicKeyInfo<1..2^24-1>. */
  public byte[] encode() {
    TlsWriter w = new TlsWriter(9 + subjectPublicKeyInfo.length);
    w.uint32(validTime.getSeconds());
    w.uint16(dcCertVerifyAlgorithm.code());
    w.uint24(subjectPublicKeyInfo.length);
    w.bytes(subjectPublicKeyInfo);
    return w.toByteArray();
  }

  int encodedLength() {
    return 9 + subjectPublicKeyInfo.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credential c && validTime.equals(c.validTime) && dcCertVerifyAlgorithm == c.dcCertVerifyAlgorithm
        && Arrays.equals(subjectPublicKeyInfo, c.subjectPublicKeyInfo);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * validTime.hashCode() + dcCertVerifyAlgorithm.hashCode()) + Arrays.hashCode(subjectPublicKeyInfo);
  }

  @Override
  public String toString() {
    return "Credential[validTime=" + validTime.getSeconds() + "s, dcCertVerifyAlgorithm=" + dcCertVerifyAlgorithm
        + ", spki=" + subjectPublicKeyInfo.length + " bytes]";
  }
}
