package dev.baton.credentials;

import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Which TLS 1.3 signature schemes a public key (SPKI) can be used with (package-private). */
final class KeySchemes {
  private KeySchemes() {}

  /**
   * The TLS 1.3 CertificateVerify schemes for the key in {@code spki} (RFC 8446 section 4.2.3):
   * ECDSA is bound to its curve, rsaEncryption keys sign with rsa_pss_rsae_*, RSASSA-PSS keys with
   * rsa_pss_pss_* (restricted to the hash in the key's parameters, if any). Empty if unsupported
   * or not DER.
   */
  static Set<SignatureScheme> forSpki(byte[] spki) {
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
      return forAlgorithm(info.getAlgorithm());
    } catch (RuntimeException e) {
      return EnumSet.noneOf(SignatureScheme.class);
    }
  }

  private static Set<SignatureScheme> forAlgorithm(AlgorithmIdentifier alg) {
    ASN1ObjectIdentifier oid = alg.getAlgorithm();
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return forCurve(alg.getParameters());
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519) && alg.getParameters() == null) {
      return EnumSet.of(SignatureScheme.ED25519);
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed448) && alg.getParameters() == null) {
      return EnumSet.of(SignatureScheme.ED448);
    }
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return EnumSet.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
          SignatureScheme.RSA_PSS_RSAE_SHA512);
    }
    if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
      return forPssParameters(alg);
    }
    return EnumSet.noneOf(SignatureScheme.class);
  }

  private static Set<SignatureScheme> forCurve(Object parameters) {
    if (SECObjectIdentifiers.secp256r1.equals(parameters)) {
      return EnumSet.of(SignatureScheme.ECDSA_SECP256R1_SHA256);
    }
    if (SECObjectIdentifiers.secp384r1.equals(parameters)) {
      return EnumSet.of(SignatureScheme.ECDSA_SECP384R1_SHA384);
    }
    if (SECObjectIdentifiers.secp521r1.equals(parameters)) {
      return EnumSet.of(SignatureScheme.ECDSA_SECP521R1_SHA512);
    }
    return EnumSet.noneOf(SignatureScheme.class);
  }

  private static Set<SignatureScheme> forPssParameters(AlgorithmIdentifier alg) {
    Set<SignatureScheme> all = EnumSet.of(SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384,
        SignatureScheme.RSA_PSS_PSS_SHA512);
    if (alg.getParameters() == null || alg.getParameters() instanceof org.bouncycastle.asn1.ASN1Null) {
      return all;
    }
    // RFC 8446 4.2.3 / RFC 4055: parameters, when present, pin the hash the key may be used with.
    ASN1ObjectIdentifier hash = RSASSAPSSparams.getInstance(alg.getParameters()).getHashAlgorithm().getAlgorithm();
    if (hash.equals(NISTObjectIdentifiers.id_sha256)) {
      return EnumSet.of(SignatureScheme.RSA_PSS_PSS_SHA256);
    }
    if (hash.equals(NISTObjectIdentifiers.id_sha384)) {
      return EnumSet.of(SignatureScheme.RSA_PSS_PSS_SHA384);
    }
    if (hash.equals(NISTObjectIdentifiers.id_sha512)) {
      return EnumSet.of(SignatureScheme.RSA_PSS_PSS_SHA512);
    }
    return EnumSet.noneOf(SignatureScheme.class);
  }

  /** The scheme a certificate key signs DCs with by default: the first, i.e. the SHA-256 one for RSA. */
  static SignatureScheme preferred(byte[] spki) {
    Set<SignatureScheme> schemes = forSpki(spki);
    if (schemes.isEmpty()) {
      throw new CredentialPolicyException("the certificate key type is not supported for delegation"
          + " (supported: ECDSA P-256/P-384/P-521, Ed25519, Ed448, RSA, RSASSA-PSS)");
    }
    return schemes.iterator().next();
  }
}
