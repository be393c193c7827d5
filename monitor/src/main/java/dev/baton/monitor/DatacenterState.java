package dev.baton.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Mutable facts about one datacenter; guarded by the owning {@link RolloutTracker}'s lock. */
final class DatacenterState {

  /** One distinct rejected credential: the reason and the agent time it was reported. */
  record Rejection(String reason, Instant at) {}

  final String name;
  String region;
  /** Agent time of the oldest status seen: silence before the first heartbeat counts from here. */
  Instant firstSeen;
  /** Agent time of the newest status of any kind: a datacenter silent past the horizon is forgotten. */
  Instant lastSeen;
  Instant lastHeartbeat;
  Integer reportedInstalledCount;
  Instant reportedEarliestExpiry;
  Duration lastLag;
  Instant lastInstalledAt;
  final Map<String, InstalledCredential> installed = new HashMap<>();
  /** Keyed by {@code certificateId/serial}, so a re-delivered rejection counts once. */
  final Map<String, Rejection> rejections = new HashMap<>();

  DatacenterState(String name, String region, Instant firstSeen) {
    this.name = name;
    this.region = region;
    this.firstSeen = firstSeen;
    this.lastSeen = firstSeen;
  }

  void seen(Instant agentTime) {
    lastSeen = Instants.max(lastSeen, agentTime);
    firstSeen = agentTime.isBefore(firstSeen) ? agentTime : firstSeen;
  }

  /** Records a lag sample unless a later install already produced one (replay may reorder). */
  void lagSample(Instant issuedAt, Instant installedAt) {
    if (issuedAt != null && (lastInstalledAt == null || !installedAt.isBefore(lastInstalledAt))) {
      lastLag = Duration.between(issuedAt, installedAt);
      lastInstalledAt = installedAt;
    }
  }

  /** Earliest expiry among the newest installed credentials, else what the agent last reported. */
  Instant earliestExpiry() {
    Instant earliest = null;
    for (InstalledCredential c : installed.values()) {
      if (c.expiresAt() != null && (earliest == null || c.expiresAt().isBefore(earliest))) {
        earliest = c.expiresAt();
      }
    }
    return earliest != null ? earliest : reportedEarliestExpiry;
  }

  Instant newestExpiry() {
    Instant newest = null;
    for (InstalledCredential c : installed.values()) {
      if (c.expiresAt() != null && (newest == null || c.expiresAt().isAfter(newest))) {
        newest = c.expiresAt();
      }
    }
    return newest;
  }
}
