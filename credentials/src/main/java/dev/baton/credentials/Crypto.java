package dev.baton.credentials;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Bouncy Castle plumbing shared by the minter, the verifier and the signers (package-private). */
final class Crypto {
  /** One provider instance, not installed globally: Baton never changes the JVM's provider list. */
  static final Provider BC = new BouncyCastleProvider();

  private static final SecureRandom RANDOM = new SecureRandom();

  private Crypto() {}

  static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(sha256(data));
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A Bouncy Castle public key from any provider's key (cert keys come from the JDK). */
  static PublicKey bcPublicKey(PublicKey key) {
    return publicKeyFromSpki(key.getEncoded());
  }

  /** Decodes a DER SubjectPublicKeyInfo; throws IllegalArgumentException on anything else. */
  static PublicKey publicKeyFromSpki(byte[] spki) {
    try {
      PublicKey key = BouncyCastleProvider.getPublicKey(SubjectPublicKeyInfo.getInstance(spki));
      if (key == null) {
        throw new IllegalArgumentException("unsupported public key algorithm");
      }
      return key;
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a usable SubjectPublicKeyInfo: " + e.getMessage(), e);
    }
  }

  /** Decodes a PKCS#8 PrivateKeyInfo; the message never contains key bytes. */
  static PrivateKey privateKeyFromPkcs8(byte[] der) {
    try {
      PrivateKey key = BouncyCastleProvider.getPrivateKey(PrivateKeyInfo.getInstance(der));
      if (key == null) {
        throw new IllegalArgumentException("unsupported private key algorithm");
      }
      return key;
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a usable PKCS#8 private key (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A JCA Signature configured exactly as TLS 1.3 uses the scheme (ECDSA as DER, PSS salt = hash length). */
  static Signature signature(SignatureScheme scheme) throws GeneralSecurityException {
    return switch (scheme) {
      case ECDSA_SECP256R1_SHA256 -> Signature.getInstance("SHA256withECDSA", BC);
      case ECDSA_SECP384R1_SHA384 -> Signature.getInstance("SHA384withECDSA", BC);
      case ECDSA_SECP521R1_SHA512 -> Signature.getInstance("SHA512withECDSA", BC);
      case ECDSA_SHA1 -> Signature.getInstance("SHA1withECDSA", BC);
      case ED25519 -> Signature.getInstance("Ed25519", BC);
      case ED448 -> Signature.getInstance("Ed448", BC);
      case RSA_PKCS1_SHA1 -> Signature.getInstance("SHA1withRSA", BC);
      case RSA_PKCS1_SHA256 -> Signature.getInstance("SHA256withRSA", BC);
      case RSA_PKCS1_SHA384 -> Signature.getInstance("SHA384withRSA", BC);
      case RSA_PKCS1_SHA512 -> Signature.getInstance("SHA512withRSA", BC);
      case RSA_PSS_RSAE_SHA256, RSA_PSS_PSS_SHA256 -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
      case RSA_PSS_RSAE_SHA384, RSA_PSS_PSS_SHA384 -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
      case RSA_PSS_RSAE_SHA512, RSA_PSS_PSS_SHA512 -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
    };
  }

  private static Signature pss(String hash, MGF1ParameterSpec mgf, int saltLength) throws GeneralSecurityException {
    Signature s = Signature.getInstance("RSASSA-PSS", BC);
    s.setParameter(new PSSParameterSpec(hash, "MGF1", mgf, saltLength, 1));
    return s;
  }

  static byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature s = signature(scheme);
    s.initSign(key, RANDOM);
    s.update(data);
    return s.sign();
  }

  static boolean verify(SignatureScheme scheme, PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature s = signature(scheme);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      // A malformed signature or a key of the wrong type is simply "does not verify".
      return false;
    }
  }

  /** A fresh key pair of the DC key type that {@code scheme} names. */
  static KeyPair generateKeyPair(SignatureScheme scheme) {
    try {
      KeyPairGenerator g;
      switch (scheme) {
        case ECDSA_SECP256R1_SHA256 -> g = ec("secp256r1");
        case ECDSA_SECP384R1_SHA384 -> g = ec("secp384r1");
        case ECDSA_SECP521R1_SHA512 -> g = ec("secp521r1");
        case ED25519 -> g = KeyPairGenerator.getInstance("Ed25519", BC);
        case ED448 -> g = KeyPairGenerator.getInstance("Ed448", BC);
        case RSA_PSS_PSS_SHA256, RSA_PSS_PSS_SHA384, RSA_PSS_PSS_SHA512 -> {
          g = KeyPairGenerator.getInstance("RSASSA-PSS", BC);
          g.initialize(2048, RANDOM);
        }
        default -> throw new CredentialPolicyException("cannot generate a DC key for " + scheme
            + "; DC key types: " + SignatureScheme.mintable());
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key generation for " + scheme + " failed", e);
    }
  }

  private static KeyPairGenerator ec(String curve) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
    g.initialize(new ECGenParameterSpec(curve), RANDOM);
    return g;
  }
}
