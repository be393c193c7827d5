package dev.baton.credentials;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.math.ec.ECPoint;

/** Key helpers: derive a public key from a private key, check that two keys belong together. */
public final class Keys {
  private Keys() {}

  /**
   * The public key of a private key (ECDSA, EdDSA, RSA/RSASSA-PSS). Throws IllegalArgumentException
   * for other key types; the message never contains key material.
   */
  public static PublicKey publicKeyOf(PrivateKey privateKey) {
    requireNonNull(privateKey, "privateKey must not be null");
    PrivateKey key = Crypto.privateKeyFromPkcs8(privateKey.getEncoded());
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    try {
      if (key instanceof ECPrivateKey ec) {
        ECParameterSpec params = ec.getParameters();
        ECPoint q = params.getG().multiply(ec.getD()).normalize();
        return java.security.KeyFactory.getInstance("EC", Crypto.BC)
            .generatePublic(new org.bouncycastle.jce.spec.ECPublicKeySpec(q, params));
      }
      if (key instanceof EdDSAPrivateKey ed) {
        return ed.getPublicKey();
      }
      if (key instanceof RSAPrivateCrtKey rsa) {
        // Keep the private key's AlgorithmIdentifier so an RSASSA-PSS key stays one.
        byte[] rsaPublic = new org.bouncycastle.asn1.pkcs.RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent()).getEncoded();
        return Crypto.publicKeyFromSpki(
            new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(), rsaPublic).getEncoded());
      }
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot derive the public key of a " + key.getAlgorithm() + " key", e);
    }
    throw new IllegalArgumentException("cannot derive the public key of a " + key.getAlgorithm()
        + " key (supported: EC, Ed25519, Ed448, RSA)");
  }

  /** True when the private key belongs to the public key. */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    requireNonNull(privateKey, "privateKey must not be null");
    requireNonNull(publicKey, "publicKey must not be null");
    try {
      PublicKey derived = publicKeyOf(privateKey);
      return sameKey(derived, Crypto.bcPublicKey(publicKey));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean sameKey(PublicKey a, PublicKey b) {
    if (a instanceof java.security.interfaces.RSAPublicKey ra && b instanceof java.security.interfaces.RSAPublicKey rb) {
      // RSA SPKIs may differ only in PSS parameters; the key is the (n, e) pair.
      return ra.getModulus().equals(rb.getModulus()) && ra.getPublicExponent().equals(rb.getPublicExponent())
          && a.getAlgorithm().equals(b.getAlgorithm());
    }
    return Arrays.equals(a.getEncoded(), b.getEncoded());
  }

}
