package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An immutable snapshot of one rollout: one credential (serial) of one certificate for one region.
 *
 * @param certificateId the delegation certificate
 * @param region the region the credential was sealed to
 * @param serial the credential serial
 * @param issuedAt when it was minted (nullable: known only from statuses)
 * @param expiresAt when it expires (nullable)
 * @param newest true when it is the newest credential of its (certificate, region) that counts: issued
 *     or installed, and allowed by the geo policy
 * @param allowed false when the certificate's geo policy does not allow the region (never distributed)
 * @param installedBy datacenters of the region that installed it
 * @param rejectedBy datacenters of the region that rejected it and have not installed it
 * @param knownDatacenters datacenters the monitor knows in the region
 */
public record RolloutView(String certificateId, String region, String serial, Instant issuedAt, Instant expiresAt,
    boolean newest, boolean allowed, SortedSet<String> installedBy, SortedSet<String> rejectedBy, int knownDatacenters) {

  public RolloutView {
    requireNonNull(certificateId, "certificateId must not be null");
    requireNonNull(region, "region must not be null");
    requireNonNull(serial, "serial must not be null");
    installedBy = Collections.unmodifiableSortedSet(new TreeSet<>(installedBy));
    rejectedBy = Collections.unmodifiableSortedSet(new TreeSet<>(rejectedBy));
  }

  /** Datacenters of the region that installed it / datacenters known in the region; 0 when none known. */
  public double coverage() {
    return knownDatacenters == 0 ? 0.0 : (double) installedBy.size() / knownDatacenters;
  }

  /** True when every known datacenter of the region installed it. */
  public boolean complete() {
    return knownDatacenters > 0 && installedBy.size() == knownDatacenters;
  }
}
