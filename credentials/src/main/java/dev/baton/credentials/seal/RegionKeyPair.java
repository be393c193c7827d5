package dev.baton.credentials.seal;

/** A region's HPKE key pair. {@code toString} never shows the private key. */
public final class RegionKeyPair {
  public static RegionKeyPair generate() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** From PKCS#8 PEM text of the X25519 private key. */
  public static RegionKeyPair parsePrivatePem(String pem) {
    throw new UnsupportedOperationException("skeleton");
  }

  public RegionPublicKey publicKey() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** PKCS#8 PEM text of the private key. */
  public String encodePrivatePem() {
    throw new UnsupportedOperationException("skeleton");
  }
}
