package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The renewal rules, as a pure function of a pair's state, its current certificate and region
 * key, and the time: no clock, no I/O, so every rule is unit-testable.
 *
 * <p>A pair is minted at once when it has no credential, when its newest credential was made
 * for a replaced certificate or sealed to a rotated region key, or when an operator asked; else
 * when the newest has used up {@code renewalFraction} of its lifetime, give or take
 * {@code jitterFraction} of that point. The jitter is derived from the pair and serial, so every
 * issuer and every restart computes the same point while a fleet of pairs spreads out. Validity
 * is capped at the certificate's notAfter; a credential that already ends there is final.
 */
public final class RenewalSchedule {

  /** A credential shorter than this is not worth rolling out. */
  static final Duration MIN_VALIDITY = SchedulePolicy.MIN_LIFETIME;
  /** Margin kept below notAfter so valid_time rounding can never pass it. */
  static final Duration NOT_AFTER_MARGIN = Duration.ofSeconds(1);
  /** A credential ending this close to notAfter counts as capped there. */
  static final Duration CAPPED_TOLERANCE = Duration.ofSeconds(5);
  private static final int MAX_BACKOFF_DOUBLINGS = 30;

  private final SchedulePolicy policy;

  public RenewalSchedule(SchedulePolicy policy) {
    this.policy = requireNonNull(policy, "policy must not be null");
  }

  /**
   * What a pair's newest credential should be made for.
   *
   * @param certificateFingerprint SHA-256 hex of the current delegation certificate
   * @param certificateNotAfter its notAfter
   * @param regionKeyId the region's current key id
   */
  public record Target(String certificateFingerprint, Instant certificateNotAfter, String regionKeyId) {
    public Target {
      requireNonNull(certificateFingerprint, "certificateFingerprint must not be null");
      requireNonNull(certificateNotAfter, "certificateNotAfter must not be null");
      requireNonNull(regionKeyId, "regionKeyId must not be null");
    }
  }

  public SchedulePolicy policy() {
    return policy;
  }

  /** Decides what to do with a pair at {@code now}. */
  public Decision decide(PairState state, Target target, Instant now) {
    requireNonNull(state, "state must not be null");
    requireNonNull(target, "target must not be null");
    requireNonNull(now, "now must not be null");
    Duration validity = validity(target.certificateNotAfter(), now);
    if (validity.compareTo(MIN_VALIDITY) < 0) {
      return Decision.hold(Decision.Reason.CERTIFICATE_EXPIRING);
    }
    Decision.Reason urgent = urgentReason(state, target);
    if (urgent == null) {
      IssuedCredential newest = state.newest();
      if (cappedAtNotAfter(newest, target.certificateNotAfter())) {
        return Decision.hold(Decision.Reason.CAPPED_AT_CERTIFICATE_EXPIRY);
      }
      Instant renewAt = renewalPoint(newest);
      if (now.isBefore(renewAt)) {
        return Decision.waitUntil(Decision.Reason.FRESH, renewAt);
      }
      urgent = Decision.Reason.RENEWAL_DUE;
    }
    if (state.retryAt() != null && now.isBefore(state.retryAt())) {
      return Decision.waitUntil(Decision.Reason.BACKING_OFF, state.retryAt());
    }
    return Decision.mint(urgent, now, validity);
  }

  /** Why the pair needs a credential regardless of the renewal point, or null if it does not. */
  private static Decision.Reason urgentReason(PairState state, Target target) {
    IssuedCredential newest = state.newest();
    if (newest == null) {
      return Decision.Reason.NO_CREDENTIAL;
    }
    if (!newest.certificateFingerprint().equals(target.certificateFingerprint())) {
      return Decision.Reason.CERTIFICATE_REPLACED;
    }
    if (!newest.regionKeyId().equals(target.regionKeyId())) {
      return Decision.Reason.REGION_KEY_ROTATED;
    }
    if (state.requestedAt() != null && newest.issuedAt().isBefore(state.requestedAt())) {
      return Decision.Reason.REQUESTED;
    }
    return null;
  }

  /**
   * When a credential is due for renewal: issuedAt + (expiresAt - issuedAt) x renewalFraction x
   * (1 + jitterFraction x u), with u in [-1, 1) fixed by the pair and serial.
   */
  public Instant renewalPoint(IssuedCredential credential) {
    long spanMillis = Duration.between(credential.issuedAt(), credential.expiresAt()).toMillis();
    double u = Hashes.unitJitter(credential.pair().certificateId(), credential.pair().region(), credential.serial());
    double factor = policy.renewalFraction() * (1 + policy.jitterFraction() * u);
    return credential.issuedAt().plusMillis(Math.round(spanMillis * factor));
  }

  /** The validity to mint with at {@code now}: the lifetime, cut to end just before notAfter. */
  public Duration validity(Instant certificateNotAfter, Instant now) {
    Duration left = Duration.between(now, certificateNotAfter).minus(NOT_AFTER_MARGIN);
    Duration v = left.compareTo(policy.lifetime()) < 0 ? left : policy.lifetime();
    return v.isNegative() ? Duration.ZERO : Duration.ofSeconds(v.getSeconds());
  }

  /**
   * When to try again after the {@code failures}-th consecutive failure: initial x 2^(failures-1),
   * capped at the maximum, then shortened by up to {@code jitterFraction} (so never above the cap).
   */
  public Instant retryAt(PairKey pair, int failures, Instant failedAt) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, got " + failures);
    }
    int doublings = Math.min(failures - 1, MAX_BACKOFF_DOUBLINGS);
    long base = Math.min(policy.backoffMax().toMillis(), policy.backoffInitial().toMillis() << doublings);
    double u = Hashes.unitJitter(pair.certificateId(), pair.region(), Integer.toString(failures));
    double shrink = policy.jitterFraction() * (u + 1) / 2; // in [0, jitterFraction)
    return failedAt.plusMillis(Math.round(base * (1 - shrink)));
  }

  /** True when the certificate expires within two credential lifetimes: time to renew it. */
  public boolean certificateExpiringSoon(Instant certificateNotAfter, Instant now) {
    return Duration.between(now, certificateNotAfter).compareTo(policy.lifetime().multipliedBy(2)) < 0;
  }

  private static boolean cappedAtNotAfter(IssuedCredential newest, Instant notAfter) {
    return !newest.expiresAt().plus(CAPPED_TOLERANCE).isBefore(notAfter);
  }
}
