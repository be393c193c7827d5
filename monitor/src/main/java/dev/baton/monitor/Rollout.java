package dev.baton.monitor;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Mutable facts about one (certificate, region, serial); guarded by the {@link RolloutTracker}'s lock. */
final class Rollout {

  /** Identity of a rollout. */
  record Key(String certificateId, String region, String serial) {}

  final Key key;
  Instant issuedAt;
  Instant expiresAt;
  /** True once the CredentialIssued event was seen: its times win over those copied from statuses. */
  boolean issuedSeen;
  final Set<String> installedBy = new HashSet<>();
  final Set<String> rejectedBy = new HashSet<>();

  Rollout(Key key) {
    this.key = key;
  }

  /** Takes times from a status only while the authoritative issue event is missing. */
  void timesFromStatus(Instant issued, Instant expires) {
    if (!issuedSeen) {
      issuedAt = issuedAt != null ? issuedAt : issued;
      expiresAt = expiresAt != null ? expiresAt : expires;
    }
  }

  /** Orders rollouts of one (certificate, region): later issuance, then later expiry, then serial. */
  boolean newerThan(Rollout other) {
    int c = Instants.compare(issuedAt, other.issuedAt);
    if (c == 0) {
      c = Instants.compare(expiresAt, other.expiresAt);
    }
    return c != 0 ? c > 0 : key.serial().compareTo(other.key.serial()) > 0;
  }
}
