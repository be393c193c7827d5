package dev.baton.credentials.seal;

/** A region's HPKE public key (X25519, raw 32 bytes). */
public final class RegionPublicKey {
  /** From the raw serialized key (HPKE SerializePublicKey). */
  public static RegionPublicKey fromRaw(byte[] raw) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** From PEM text (SubjectPublicKeyInfo, X25519). */
  public static RegionPublicKey parsePem(String pem) {
    throw new UnsupportedOperationException("skeleton");
  }

  public byte[] raw() {
    throw new UnsupportedOperationException("skeleton");
  }

  public String encodePem() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Key id: lowercase hex of the first 16 bytes of SHA-256 over the raw key. */
  public String keyId() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** HPKE KEM id (0x0020). */
  public int kemId() {
    throw new UnsupportedOperationException("skeleton");
  }
}
