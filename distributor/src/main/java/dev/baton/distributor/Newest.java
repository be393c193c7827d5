package dev.baton.distributor;

import dev.baton.avro.v1.CredentialIssued;
import java.util.Comparator;

/**
 * Which of two credentials of a pair is newer: the later expiry, then the later issue time, then
 * the serial (only to make the order total, so replays converge whatever the arrival order).
 */
final class Newest {

  static final Comparator<CredentialIssued> ORDER = Comparator
      .comparing(CredentialIssued::getExpiresAt)
      .thenComparing(CredentialIssued::getIssuedAt)
      .thenComparing(CredentialIssued::getSerial);

  private Newest() {}

  /** True when {@code candidate} should replace {@code held} (no credential held yet counts as older). */
  static boolean replaces(CredentialIssued candidate, CredentialIssued held) {
    return held == null || ORDER.compare(candidate, held) > 0;
  }
}
