package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The schedule's state of one pair. Immutable; transitions return a new state.
 *
 * @param pair the pair
 * @param newest the newest credential acked by Kafka, or null when there is none
 * @param requestedAt an operator request not yet satisfied ({@code baton issue-now}), or null
 * @param failures consecutive failed mints since the last success
 * @param retryAt no attempt before this instant (set after a failure), or null
 */
public record PairState(PairKey pair, IssuedCredential newest, Instant requestedAt, int failures, Instant retryAt) {
  public PairState {
    requireNonNull(pair, "pair must not be null");
    if (failures < 0) {
      throw new IllegalArgumentException("failures must not be negative, got " + failures);
    }
  }

  /** A pair with nothing issued yet. */
  public static PairState empty(PairKey pair) {
    return new PairState(pair, null, null, 0, null);
  }

  /** After an acked mint (or a newer credential read back): failures reset, a satisfied request cleared. */
  public PairState withIssued(IssuedCredential credential) {
    if (!credential.newerThan(newest)) {
      return this;
    }
    boolean satisfied = requestedAt != null && !credential.issuedAt().isBefore(requestedAt);
    return new PairState(pair, credential, satisfied ? null : requestedAt, 0, null);
  }

  /** An operator asked for a fresh credential at {@code at}. */
  public PairState withRequest(Instant at) {
    Instant keep = requestedAt == null || at.isAfter(requestedAt) ? at : requestedAt;
    return new PairState(pair, newest, keep, failures, retryAt);
  }

  /** After a failed mint: one more failure, no attempt before {@code retryAt}. */
  public PairState withFailure(Instant nextAttempt) {
    return new PairState(pair, newest, requestedAt, failures + 1, nextAttempt);
  }
}
