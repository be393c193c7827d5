package dev.baton.credentials.seal;

/**
 * An HPKE-sealed secret. Maps 1:1 to the Avro SealedKey record.
 *
 * @param kemId HPKE KEM id
 * @param kdfId HPKE KDF id
 * @param aeadId HPKE AEAD id
 * @param regionKeyId fingerprint of the region key sealed to
 * @param encapsulatedKey HPKE enc
 * @param ciphertext AEAD ciphertext
 */
public record SealedBox(int kemId, int kdfId, int aeadId, String regionKeyId, byte[] encapsulatedKey, byte[] ciphertext) {}
