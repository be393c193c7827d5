package dev.baton.credentials;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Set;

/** A {@link Signer} over a private key held in memory, loaded from a PEM file. */
public final class FileKeySigner implements Signer {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final Set<SignatureScheme> schemes;

  private FileKeySigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.schemes = Collections.unmodifiableSet(KeySchemes.forSpki(publicKey.getEncoded()));
    if (schemes.isEmpty()) {
      throw new IllegalArgumentException("unsupported signing key type " + publicKey.getAlgorithm()
          + " (supported: ECDSA P-256/P-384/P-521, Ed25519, Ed448, RSA, RSASSA-PSS)");
    }
  }

  /** Loads a PKCS#8 (or SEC1/PKCS#1) PEM private key; the public key is derived from it. */
  public static FileKeySigner load(Path keyPem) {
    requireNonNull(keyPem, "keyPem must not be null");
    PrivateKey key = Pem.readPrivateKey(keyPem);
    return new FileKeySigner(key, Keys.publicKeyOf(key));
  }

  /** Wraps a key already in memory. */
  public static FileKeySigner of(PrivateKey key, PublicKey publicKey) {
    requireNonNull(key, "key must not be null");
    requireNonNull(publicKey, "publicKey must not be null");
    PrivateKey bcKey = Crypto.privateKeyFromPkcs8(key.getEncoded());
    if (!Keys.matches(bcKey, publicKey)) {
      throw new IllegalArgumentException("the private key does not match the public key");
    }
    return new FileKeySigner(bcKey, Crypto.bcPublicKey(publicKey));
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public Set<SignatureScheme> supportedSchemes() {
    return schemes;
  }

  @Override
  public byte[] sign(SignatureScheme scheme, byte[] data) {
    requireNonNull(scheme, "scheme must not be null");
    requireNonNull(data, "data must not be null");
    if (!schemes.contains(scheme)) {
      throw new IllegalArgumentException("this " + publicKey.getAlgorithm() + " key cannot sign with " + scheme
          + "; it supports " + schemes);
    }
    try {
      return Crypto.sign(scheme, privateKey, data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with " + scheme + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String toString() {
    return "FileKeySigner[" + publicKey.getAlgorithm() + ", spki sha256=" + Crypto.sha256Hex(publicKey.getEncoded())
        + ", schemes=" + schemes + "]";
  }
}
