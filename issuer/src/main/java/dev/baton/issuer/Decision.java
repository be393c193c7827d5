package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * What to do with one pair now.
 *
 * @param action mint now, wait until {@code at}, or hold (nothing useful can be minted)
 * @param reason why
 * @param at when the next mint is due (now for MINT; null for HOLD)
 * @param validity the validity to mint with (MINT only; already capped at the certificate's notAfter)
 */
public record Decision(Action action, Reason reason, Instant at, Duration validity) {

  /** What to do. */
  public enum Action { MINT, WAIT, HOLD }

  /** Why. */
  public enum Reason {
    /** No credential was ever issued for the pair (new certificate or new region). */
    NO_CREDENTIAL,
    /** The newest credential used up its renewal fraction. */
    RENEWAL_DUE,
    /** The newest credential belongs to a certificate that has since been replaced. */
    CERTIFICATE_REPLACED,
    /** The newest credential was sealed to a region key that has since been rotated. */
    REGION_KEY_ROTATED,
    /** An operator asked for a fresh credential. */
    REQUESTED,
    /** Waiting for the renewal point. */
    FRESH,
    /** Waiting after a failed attempt. */
    BACKING_OFF,
    /** The newest credential already ends at the certificate's notAfter; only a new certificate helps. */
    CAPPED_AT_CERTIFICATE_EXPIRY,
    /** The certificate expires too soon for any useful credential. */
    CERTIFICATE_EXPIRING
  }

  public Decision {
    requireNonNull(action, "action must not be null");
    requireNonNull(reason, "reason must not be null");
    if (action != Action.HOLD) {
      requireNonNull(at, "at must not be null");
    }
    if (action == Action.MINT) {
      requireNonNull(validity, "validity must not be null");
    }
  }

  static Decision mint(Reason reason, Instant now, Duration validity) {
    return new Decision(Action.MINT, reason, now, validity);
  }

  static Decision waitUntil(Reason reason, Instant at) {
    return new Decision(Action.WAIT, reason, at, null);
  }

  static Decision hold(Reason reason) {
    return new Decision(Action.HOLD, reason, null, null);
  }
}
