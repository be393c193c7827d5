package dev.baton.credentials;

import java.time.Instant;
import java.util.List;

/**
 * What a TLS client concluded about a DC.
 *
 * @param failures every check that failed (empty when valid)
 * @param expiresAt the DC's expiry (null if it could not be computed)
 */
public record VerificationResult(List<Failure> failures, Instant expiresAt) {
  public boolean valid() {
    return failures.isEmpty();
  }

  /** Why a check failed. */
  public enum Reason { EXPIRED, VALIDITY_TOO_LONG, SCHEME_NOT_ALLOWED, SPKI_SCHEME_MISMATCH, BAD_SIGNATURE, NOT_DELEGATION_CERTIFICATE, KEY_MISMATCH }

  /** One failed check. @param reason the check @param message what a user can act on */
  public record Failure(Reason reason, String message) {}
}
