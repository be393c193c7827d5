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
  /** Copies the failures. */
  public VerificationResult {
    failures = List.copyOf(java.util.Objects.requireNonNull(failures, "failures must not be null"));
  }

  /** The reasons of all failures, in check order. */
  public java.util.Set<Reason> reasons() {
    java.util.Set<Reason> reasons = java.util.EnumSet.noneOf(Reason.class);
    failures.forEach(f -> reasons.add(f.reason()));
    return reasons;
  }

  /** The failure messages joined with "; " (empty when valid). */
  public String describe() {
    return failures.stream().map(Failure::message).collect(java.util.stream.Collectors.joining("; "));
  }

  public boolean valid() {
    return failures.isEmpty();
  }

  /** Why a check failed. */
  public enum Reason { EXPIRED, VALIDITY_TOO_LONG, SCHEME_NOT_ALLOWED, SPKI_SCHEME_MISMATCH, BAD_SIGNATURE, NOT_DELEGATION_CERTIFICATE, KEY_MISMATCH }

  /** One failed check. @param reason the check @param message what a user can act on */
  public record Failure(Reason reason, String message) {
    /** Both required. */
    public Failure {
      java.util.Objects.requireNonNull(reason, "reason must not be null");
      java.util.Objects.requireNonNull(message, "message must not be null");
    }
  }
}
