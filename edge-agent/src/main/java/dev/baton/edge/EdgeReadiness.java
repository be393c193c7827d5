package dev.baton.edge;

import dev.baton.edge.kafka.RegionConsumer;
import dev.baton.edge.store.InstalledCredential;
import dev.baton.edge.store.InstalledCredentials;
import dev.baton.service.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Readiness means the edge does its job: partitions assigned, caught up to the end offsets seen at
 * start, and every certificate's newest credential has at least the safety margin of life left.
 */
final class EdgeReadiness implements Supplier<Readiness> {

  private final RegionConsumer consumer;
  private final Supplier<InstalledCredentials> credentials;
  private final Duration safetyMargin;
  private final Clock clock;

  EdgeReadiness(RegionConsumer consumer, Supplier<InstalledCredentials> credentials, Duration safetyMargin, Clock clock) {
    this.consumer = consumer;
    this.credentials = credentials;
    this.safetyMargin = safetyMargin;
    this.clock = clock;
  }

  @Override
  public Readiness get() {
    if (!consumer.assigned()) {
      return Readiness.notReady("waiting for partition assignment");
    }
    if (!consumer.caughtUp()) {
      return Readiness.notReady("replaying the region topic");
    }
    return freshness(credentials.get(), safetyMargin, clock.instant());
  }

  /** Not ready while any certificate's newest credential has less than {@code margin} left. */
  static Readiness freshness(InstalledCredentials held, Duration margin, Instant now) {
    for (InstalledCredential c : held.current()) {
      if (c.expiresAt().isBefore(now.plus(margin))) {
        return Readiness.notReady("credential " + c.serial() + " of " + c.certificateId() + " expires at " + c.expiresAt()
            + ", within the safety margin " + margin);
      }
    }
    return Readiness.ready(held.size() + " certificate(s) served, caught up");
  }
}
