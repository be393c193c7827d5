package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of one datacenter as the monitor sees it. Nullable components are null
 * when the monitor has no data for them yet.
 *
 * @param datacenter the datacenter id ({@code fra1})
 * @param region its region
 * @param credentials the newest installed credential of each certificate, by certificate id
 * @param missing certificates whose newest credential for the region (allowed by the geo policy)
 *     this datacenter has not installed yet
 * @param newestExpiry the latest expiry among those credentials (nullable)
 * @param earliestExpiry the earliest expiry among those credentials, or the agent's last reported
 *     one when the monitor saw no install (nullable)
 * @param headroom {@code earliestExpiry - now}; negative once expired (nullable)
 * @param lastLag issued-to-installed lag of the most recent install (nullable)
 * @param lastInstalledAt when that install happened (nullable)
 * @param lastHeartbeat agent time of the newest HEARTBEAT (nullable: none seen)
 * @param reportedInstalledCount installed count from the newest HEARTBEAT (nullable)
 * @param rejections distinct credentials rejected, by reject reason
 * @param risks why it is at risk; empty when healthy
 */
public record DatacenterView(String datacenter, String region, List<InstalledCredential> credentials,
    List<String> missing, Instant newestExpiry, Instant earliestExpiry, Duration headroom, Duration lastLag, Instant lastInstalledAt,
    Instant lastHeartbeat, Integer reportedInstalledCount, Map<String, Long> rejections, Set<Risk> risks) {

  public DatacenterView {
    requireNonNull(datacenter, "datacenter must not be null");
    requireNonNull(region, "region must not be null");
    credentials = List.copyOf(requireNonNull(credentials, "credentials must not be null"));
    missing = List.copyOf(requireNonNull(missing, "missing must not be null"));
    rejections = Map.copyOf(requireNonNull(rejections, "rejections must not be null"));
    risks = Set.copyOf(requireNonNull(risks, "risks must not be null"));
  }

  /** True when it holds the newest credential of every certificate its region is allowed. */
  public boolean covered() {
    return missing.isEmpty();
  }

  /** True when any risk is flagged. */
  public boolean atRisk() {
    return !risks.isEmpty();
  }
}
