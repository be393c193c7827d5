package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.RegionKey;
import dev.baton.credentials.seal.RegionPublicKey;
import dev.baton.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A region and its current HPKE public key, as published on {@code baton.regions}.
 *
 * @param region the region name
 * @param key its public key
 * @param keyId the key's id ({@link RegionPublicKey#keyId()}), checked against the record
 * @param createdAt when the key was published
 */
public record RegionEntry(String region, RegionPublicKey key, String keyId, Instant createdAt) {
  public RegionEntry {
    Topics.requireValidRegion(region);
    requireNonNull(key, "key must not be null");
    requireNonNull(keyId, "keyId must not be null");
    requireNonNull(createdAt, "createdAt must not be null");
  }

  /**
   * Checks a record of {@code baton.regions}: the key names the region, the key decodes and its id
   * matches. Anyone who can write the topic can publish a key, so nothing is taken on trust.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static RegionEntry of(String recordKey, RegionKey value) {
    requireNonNull(value, "value must not be null");
    String region = Topics.requireValidRegion(value.getRegion());
    if (!region.equals(recordKey)) {
      throw new IllegalArgumentException("record key '" + recordKey + "' does not match region '" + region + "'");
    }
    ByteBuffer buf = value.getPublicKey().duplicate();
    byte[] raw = new byte[buf.remaining()];
    buf.get(raw);
    RegionPublicKey key;
    try {
      key = RegionPublicKey.fromRaw(raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("region " + region + ": public key does not decode: " + e.getMessage(), e);
    }
    if (value.getKemId() != key.kemId()) {
      throw new IllegalArgumentException("region " + region + ": kemId " + value.getKemId() + " is not " + key.kemId());
    }
    if (!key.keyId().equals(value.getKeyId())) {
      throw new IllegalArgumentException("region " + region + ": keyId '" + value.getKeyId()
          + "' does not match the key (" + key.keyId() + ")");
    }
    return new RegionEntry(region, key, key.keyId(), value.getCreatedAt());
  }
}
