package dev.baton.distributor;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.GeoPolicy;
import java.util.Set;

/**
 * The regions one certificate may be routed to: its geo policy, or the configured default when it
 * has none.
 *
 * @param regions the regions a policy lists
 * @param everywhere true when the certificate has no policy and the default is {@code all}
 */
record RegionAccess(Set<String> regions, boolean everywhere) {

  RegionAccess {
    regions = Set.copyOf(requireNonNull(regions, "regions must not be null"));
  }

  /** The access a policy (null: none) grants under the default for certificates without one. */
  static RegionAccess of(GeoPolicy policy, UnknownPolicy unknownPolicy) {
    if (policy != null) {
      return new RegionAccess(Set.copyOf(policy.getRegions()), false);
    }
    return new RegionAccess(Set.of(), unknownPolicy == UnknownPolicy.ALL);
  }

  boolean allows(String region) {
    return everywhere || regions.contains(region);
  }
}
