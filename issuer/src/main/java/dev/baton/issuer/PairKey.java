package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.Topics;

/**
 * One (certificate, region) pair: the unit of scheduling. One credential per pair, so a region
 * that leaks exposes only its own keys.
 *
 * @param certificateId inventory id of the delegation certificate
 * @param region region name
 */
public record PairKey(String certificateId, String region) implements Comparable<PairKey> {
  public PairKey {
    requireNonNull(certificateId, "certificateId must not be null");
    requireNonNull(region, "region must not be null");
  }

  /** The record key on {@code baton.credentials.issued}: {@code certificateId/region}. */
  public String recordKey() {
    return Topics.credentialKey(certificateId, region);
  }

  @Override
  public int compareTo(PairKey o) {
    int c = certificateId.compareTo(o.certificateId);
    return c != 0 ? c : region.compareTo(o.region);
  }

  @Override
  public String toString() {
    return certificateId + "/" + region;
  }
}
