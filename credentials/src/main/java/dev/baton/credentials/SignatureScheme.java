package dev.baton.credentials;

/**
 * TLS SignatureScheme code points (IANA TLS registry) that matter for delegated credentials.
 * API CONTRACT (skeleton): the credentials issue fills in behaviour; signatures are fixed.
 */
public enum SignatureScheme {
  RSA_PKCS1_SHA256(0x0401, "rsa_pkcs1_sha256"),
  RSA_PKCS1_SHA384(0x0501, "rsa_pkcs1_sha384"),
  RSA_PKCS1_SHA512(0x0601, "rsa_pkcs1_sha512"),
  ECDSA_SECP256R1_SHA256(0x0403, "ecdsa_secp256r1_sha256"),
  ECDSA_SECP384R1_SHA384(0x0503, "ecdsa_secp384r1_sha384"),
  ECDSA_SECP521R1_SHA512(0x0603, "ecdsa_secp521r1_sha512"),
  RSA_PSS_RSAE_SHA256(0x0804, "rsa_pss_rsae_sha256"),
  RSA_PSS_RSAE_SHA384(0x0805, "rsa_pss_rsae_sha384"),
  RSA_PSS_RSAE_SHA512(0x0806, "rsa_pss_rsae_sha512"),
  ED25519(0x0807, "ed25519"),
  ED448(0x0808, "ed448"),
  RSA_PSS_PSS_SHA256(0x0809, "rsa_pss_pss_sha256"),
  RSA_PSS_PSS_SHA384(0x080a, "rsa_pss_pss_sha384"),
  RSA_PSS_PSS_SHA512(0x080b, "rsa_pss_pss_sha512"),
  RSA_PKCS1_SHA1(0x0201, "rsa_pkcs1_sha1"),
  ECDSA_SHA1(0x0203, "ecdsa_sha1");

  private final int code;
  private final String tlsName;

  SignatureScheme(int code, String tlsName) {
    this.code = code;
    this.tlsName = tlsName;
  }

  /** The 2-byte IANA code point. */
  public int code() {
    return code;
  }

  /** The IANA name, e.g. {@code ecdsa_secp256r1_sha256}. */
  public String tlsName() {
    return tlsName;
  }

  /** The scheme with this code point; throws {@link MalformedCredentialException} if unknown. */
  public static SignatureScheme fromCode(int code) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Parses an IANA name (case-insensitive); throws IllegalArgumentException listing valid names. */
  public static SignatureScheme parse(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** True when TLS 1.3 allows it in CertificateVerify (so also as a DC scheme). */
  public boolean allowedInTls13() {
    throw new UnsupportedOperationException("skeleton");
  }
}
