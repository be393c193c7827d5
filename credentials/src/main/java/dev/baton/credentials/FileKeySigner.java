package dev.baton.credentials;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Set;

/** A {@link Signer} over a private key held in memory, loaded from a PEM file. */
public final class FileKeySigner implements Signer {

  /** Loads a PKCS#8 (or SEC1/PKCS#1) PEM private key. */
  public static FileKeySigner load(Path keyPem) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Wraps a key already in memory. */
  public static FileKeySigner of(PrivateKey key, PublicKey publicKey) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public PublicKey publicKey() {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public Set<SignatureScheme> supportedSchemes() {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public byte[] sign(SignatureScheme scheme, byte[] data) {
    throw new UnsupportedOperationException("skeleton");
  }
}
