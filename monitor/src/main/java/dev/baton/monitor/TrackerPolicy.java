package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When the tracker flags a datacenter at risk, and when it forgets old facts.
 *
 * @param headroomAlert flag a datacenter whose earliest newest-credential expiry is closer than this
 * @param heartbeatInterval how often edge agents send a HEARTBEAT status
 * @param missedHeartbeats flag a datacenter silent for more than this many intervals
 * @param forgetAfter forget datacenters silent, and rejections older, than this (the status topic's
 *     retention, so that a tracker rebuilt from stored facts agrees with a long-running one)
 */
public record TrackerPolicy(Duration headroomAlert, Duration heartbeatInterval, int missedHeartbeats,
    Duration forgetAfter) {

  /** Heartbeats every 30 s, silent after 3 missed, alert below 1 h headroom, forget after 7 days. */
  public static final TrackerPolicy DEFAULT =
      new TrackerPolicy(Duration.ofHours(1), Duration.ofSeconds(30), 3, Duration.ofDays(7));

  public TrackerPolicy {
    requirePositive(headroomAlert, "headroomAlert");
    requirePositive(heartbeatInterval, "heartbeatInterval");
    requirePositive(forgetAfter, "forgetAfter");
    if (missedHeartbeats < 1) {
      throw new IllegalArgumentException("missedHeartbeats must be at least 1, got " + missedHeartbeats);
    }
  }

  /** How long a datacenter may stay silent before it is flagged. */
  public Duration silenceAlert() {
    return heartbeatInterval.multipliedBy(missedHeartbeats);
  }

  private static void requirePositive(Duration d, String name) {
    requireNonNull(d, name + " must not be null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
