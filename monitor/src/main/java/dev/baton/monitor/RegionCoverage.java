package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

/**
 * How far the newest rollouts of one region have got: over every certificate with a credential for
 * the region, how many (datacenter, certificate) pairs hold the newest credential.
 *
 * @param region the region
 * @param datacenters datacenters known in the region
 * @param newestRollouts certificates with a newest credential for the region
 * @param installedPairs (datacenter, certificate) pairs that installed the newest credential
 */
public record RegionCoverage(String region, int datacenters, int newestRollouts, int installedPairs) {

  public RegionCoverage {
    requireNonNull(region, "region must not be null");
  }

  /** installedPairs / (datacenters x newestRollouts); 1 when there is nothing to roll out, 0 with no datacenter. */
  public double ratio() {
    if (datacenters == 0) {
      return 0.0;
    }
    return newestRollouts == 0 ? 1.0 : (double) installedPairs / ((long) datacenters * newestRollouts);
  }
}
