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
    for (SignatureScheme s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new MalformedCredentialException(String.format("unknown TLS SignatureScheme 0x%04x", code));
  }

  /** Parses an IANA name (case-insensitive); throws IllegalArgumentException listing valid names. */
  public static SignatureScheme parse(String name) {
    java.util.Objects.requireNonNull(name, "name must not be null");
    for (SignatureScheme s : values()) {
      if (s.tlsName.equalsIgnoreCase(name.trim()) || s.name().equalsIgnoreCase(name.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown signature scheme '" + name + "'; valid: "
        + java.util.Arrays.stream(values()).map(SignatureScheme::tlsName).collect(java.util.stream.Collectors.joining(", ")));
  }

  /** True when TLS 1.3 allows it in CertificateVerify (so also as a DC scheme). */
  public boolean allowedInTls13() {
    // RFC 8446 section 4.2.3: PKCS#1 v1.5 and SHA-1 schemes appear only in certificate signatures.
    return switch (this) {
      case RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512, RSA_PKCS1_SHA1, ECDSA_SHA1 -> false;
      default -> true;
    };
  }

  /**
   * True when RFC 9345 lets a DC key use this scheme as dc_cert_verify_algorithm: allowed in a TLS
   * 1.3 CertificateVerify and not an rsaEncryption key type (rsa_pss_rsae_*).
   */
  public boolean allowedForDelegatedCredential() {
    return allowedInTls13() && !isRsaPssRsae();
  }

  /** The DC key types the minter can generate (one scheme per key type and hash). */
  public static java.util.Set<SignatureScheme> mintable() {
    return java.util.EnumSet.of(ECDSA_SECP256R1_SHA256, ECDSA_SECP384R1_SHA384, ECDSA_SECP521R1_SHA512,
        ED25519, ED448, RSA_PSS_PSS_SHA256, RSA_PSS_PSS_SHA384, RSA_PSS_PSS_SHA512);
  }

  boolean isRsaPssRsae() {
    return this == RSA_PSS_RSAE_SHA256 || this == RSA_PSS_RSAE_SHA384 || this == RSA_PSS_RSAE_SHA512;
  }

  boolean isRsaPssPss() {
    return this == RSA_PSS_PSS_SHA256 || this == RSA_PSS_PSS_SHA384 || this == RSA_PSS_PSS_SHA512;
  }

  @Override
  public String toString() {
    return tlsName;
  }
}
