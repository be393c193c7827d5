package dev.baton.credentials.seal;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * An HPKE-sealed secret. Maps 1:1 to the Avro SealedKey record. Arrays are copied.
 *
 * @param kemId HPKE KEM id
 * @param kdfId HPKE KDF id
 * @param aeadId HPKE AEAD id
 * @param regionKeyId fingerprint of the region key sealed to
 * @param encapsulatedKey HPKE enc
 * @param ciphertext AEAD ciphertext
 */
public record SealedBox(int kemId, int kdfId, int aeadId, String regionKeyId, byte[] encapsulatedKey, byte[] ciphertext) {
  /** Copies the arrays. */
  public SealedBox {
    requireNonNull(regionKeyId, "regionKeyId must not be null");
    encapsulatedKey = requireNonNull(encapsulatedKey, "encapsulatedKey must not be null").clone();
    ciphertext = requireNonNull(ciphertext, "ciphertext must not be null").clone();
  }

  @Override
  public byte[] encapsulatedKey() {
    return encapsulatedKey.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedBox b && kemId == b.kemId && kdfId == b.kdfId && aeadId == b.aeadId
        && regionKeyId.equals(b.regionKeyId) && Arrays.equals(encapsulatedKey, b.encapsulatedKey)
        && Arrays.equals(ciphertext, b.ciphertext);
  }

  @Override
  public int hashCode() {
    return ((kemId * 31 + kdfId) * 31 + aeadId) * 31 + regionKeyId.hashCode()
        + 17 * Arrays.hashCode(encapsulatedKey) + 13 * Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "SealedBox[kem=0x" + Integer.toHexString(kemId) + ", kdf=0x" + Integer.toHexString(kdfId) + ", aead=0x"
        + Integer.toHexString(aeadId) + ", regionKeyId=" + regionKeyId + ", enc=" + encapsulatedKey.length
        + " bytes, ciphertext=" + ciphertext.length + " bytes]";
  }
}
