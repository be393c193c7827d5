package dev.baton.credentials.seal;

/** HPKE base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, via Bouncy Castle. */
public final class RegionSealer {
  private RegionSealer() {}

  public static SealedBox seal(RegionPublicKey key, SealBinding binding, byte[] plaintext) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Throws {@link SealException} if the key, binding or box do not match. */
  public static byte[] open(RegionKeyPair key, SealBinding binding, SealedBox box) {
    throw new UnsupportedOperationException("skeleton");
  }
}
