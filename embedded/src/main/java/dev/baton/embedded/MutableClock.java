package dev.baton.embedded;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that tests (and accelerated demos) move by hand. Every Baton component takes its
 * time from an injected {@link Clock}, so schedules and expiry can be tested without waiting.
 */
public final class MutableClock extends Clock {
  private volatile Instant now;

  /** A clock standing at {@code start}. */
  public MutableClock(Instant start) {
    this.now = requireNonNull(start, "start must not be null");
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public void advance(Duration d) {
    now = now.plus(requireNonNull(d, "d must not be null"));
  }

  /** Puts the clock at an instant. */
  public void set(Instant instant) {
    now = requireNonNull(instant, "instant must not be null");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
