package dev.baton.credentials;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** RFC 9345 DelegatedCredential: credential, algorithm, signature. Immutable. */
public final class DelegatedCredential {
  static final int MAX_SIGNATURE_LENGTH = 0xFFFF;
  private static final byte[] CONTEXT = "TLS, server delegated credentials".getBytes(StandardCharsets.US_ASCII);

  private final Credential credential;
  private final SignatureScheme algorithm;
  private final byte[] signature;
  private final byte[] encoded;
  private final String fingerprint;

  private DelegatedCredential(Credential credential, SignatureScheme algorithm, byte[] signature) {
    this.credential = requireNonNull(credential, "credential must not be null");
    this.algorithm = requireNonNull(algorithm, "algorithm must not be null");
    requireNonNull(signature, "signature must not be null");
    if (signature.length > MAX_SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("signature must be 0..2^16-1 bytes, got " + signature.length);
    }
    this.signature = signature.clone();
    this.encoded = encodeFields();
    this.fingerprint = Crypto.sha256Hex(encoded);
  }

  /** A DC from its fields (no checks beyond the wire ranges; use {@link CredentialVerifier}). */
  public static DelegatedCredential of(Credential credential, SignatureScheme algorithm, byte[] signature) {
    return new DelegatedCredential(credential, algorithm, signature);
  }

  /** Strict parse: exact lengths, no trailing bytes. Throws {@link MalformedCredentialException}. */
  public static DelegatedCredential parse(byte[] bytes) {
    requireNonNull(bytes, "bytes must not be null");
    TlsReader r = new TlsReader(bytes);
    long validTime = r.uint32("valid_time");
    SignatureScheme dcScheme = SignatureScheme.fromCode(r.uint16("dc_cert_verify_algorithm"));
    int spkiLength = r.uint24("ASN1_subjectPublicKeyInfo length");
    if (spkiLength == 0) {
      throw new MalformedCredentialException("ASN1_subjectPublicKeyInfo: length 0, must be 1..2^24-1");
    }
    byte[] spki = r.bytes(spkiLength, "ASN1_subjectPublicKeyInfo");
    SignatureScheme algorithm = SignatureScheme.fromCode(r.uint16("algorithm"));
    int signatureLength = r.uint16("signature length");
    byte[] signature = r.bytes(signatureLength, "signature");
    r.requireEnd("DelegatedCredential");
    return new DelegatedCredential(new Credential(Duration.ofSeconds(validTime), dcScheme, spki), algorithm, signature);
  }

  private byte[] encodeFields() {
    TlsWriter w = new TlsWriter(credential.encodedLength() + 4 + signature.length);
    w.bytes(credential.encode());
    w.uint16(algorithm.code());
    w.uint16(signature.length);
    w.bytes(signature);
    return w.toByteArray();
  }

  /**
   * The bytes the delegation certificate's key signs (RFC 9345 section 4): 64 spaces, the context
   * string, a zero byte, the certificate DER, the serialized Credential, the 2-byte algorithm.
   */
  static byte[] signatureInput(X509Certificate certificate, Credential credential, SignatureScheme algorithm) {
    byte[] certDer;
    try {
      certDer = certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
    TlsWriter w = new TlsWriter(64 + CONTEXT.length + 1 + certDer.length + credential.encodedLength() + 2);
    byte[] pad = new byte[64];
    Arrays.fill(pad, (byte) 0x20);
    w.bytes(pad);
    w.bytes(CONTEXT);
    w.bytes(new byte[1]);
    w.bytes(certDer);
    w.bytes(credential.encode());
    w.uint16(algorithm.code());
    return w.toByteArray();
  }

  /** The wire bytes. */
  public byte[] encode() {
    return encoded.clone();
  }

  public Credential credential() {
    return credential;
  }

  /** The algorithm the delegation certificate's key signed with. */
  public SignatureScheme algorithm() {
    return algorithm;
  }

  public byte[] signature() {
    return signature.clone();
  }

  /**
   * The DC public key decoded from the SPKI. Throws {@link MalformedCredentialException} if the SPKI
   * is not a key Bouncy Castle can decode.
   */
  public PublicKey publicKey() {
    try {
      return Crypto.publicKeyFromSpki(credential.subjectPublicKeyInfo());
    } catch (IllegalArgumentException e) {
      throw new MalformedCredentialException("ASN1_subjectPublicKeyInfo: " + e.getMessage(), e);
    }
  }

  /** notBefore of the certificate + valid_time. */
  public Instant expiresAt(X509Certificate delegationCertificate) {
    requireNonNull(delegationCertificate, "delegationCertificate must not be null");
    return delegationCertificate.getNotBefore().toInstant().plus(credential.validTime());
  }

  /** Lowercase hex of SHA-256 over {@link #encode()} (64 chars). Binds seals to this DC. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The first 32 hex chars of {@link #fingerprint()}: names files and events. */
  public String serial() {
    return fingerprint.substring(0, 32);
  }

  /** Lowercase hex SHA-256 of the DC's SPKI (the DC public key's fingerprint). */
  public String spkiFingerprint() {
    return Crypto.sha256Hex(credential.subjectPublicKeyInfo());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DelegatedCredential d && Arrays.equals(encoded, d.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "DelegatedCredential[serial=" + serial() + ", scheme=" + credential.dcCertVerifyAlgorithm()
        + ", algorithm=" + algorithm + ", validTime=" + credential.validTime().getSeconds() + "s]";
  }
}
