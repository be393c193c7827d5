package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often credentials are renewed and how failures back off.
 *
 * @param lifetime validity of a fresh credential (capped at the certificate's notAfter)
 * @param renewalFraction share of a credential's lifetime used up before it is renewed (0.5: at half-life)
 * @param jitterFraction spread of the renewal point, as a share of it (0.1: +/- 10%)
 * @param backoffInitial delay after the first failed mint of a pair
 * @param backoffMax longest delay between attempts; attempts never stop
 */
public record SchedulePolicy(
    Duration lifetime, double renewalFraction, double jitterFraction, Duration backoffInitial, Duration backoffMax) {

  /** RFC 9345 section 4.1.3: a credential may not be valid for more than 7 days. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(7);
  /** A credential shorter than this is not worth rolling out; the schedule never mints one. */
  public static final Duration MIN_LIFETIME = Duration.ofMinutes(5);

  public SchedulePolicy {
    requireNonNull(lifetime, "lifetime must not be null");
    requireNonNull(backoffInitial, "backoffInitial must not be null");
    requireNonNull(backoffMax, "backoffMax must not be null");
    if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("lifetime must be in [5m, 7d], got " + lifetime);
    }
    if (!(renewalFraction > 0 && renewalFraction < 1)) {
      throw new IllegalArgumentException("renewalFraction must be in (0, 1), got " + renewalFraction);
    }
    if (!(jitterFraction >= 0 && jitterFraction < 1)) {
      throw new IllegalArgumentException("jitterFraction must be in [0, 1), got " + jitterFraction);
    }
    // The latest jittered renewal point must come before the credential expires.
    if (renewalFraction * (1 + jitterFraction) >= 1) {
      throw new IllegalArgumentException("renewalFraction * (1 + jitterFraction) must be below 1 so that renewal"
          + " happens before expiry, got " + renewalFraction + " * (1 + " + jitterFraction + ")");
    }
    if (backoffInitial.isNegative() || backoffInitial.isZero() || backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 < initial <= max, got initial " + backoffInitial + ", max " + backoffMax);
    }
  }

  /** The defaults: 24h lifetime, renew at half-life +/- 10%, back off from 1s up to 5m. */
  public static SchedulePolicy defaults() {
    return new SchedulePolicy(Duration.ofHours(24), 0.5, 0.1, Duration.ofSeconds(1), Duration.ofMinutes(5));
  }
}
