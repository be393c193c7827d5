package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The newest credential of one certificate that a datacenter reported installed.
 *
 * @param certificateId the delegation certificate
 * @param serial the credential serial
 * @param issuedAt when the issuer minted it (null when unknown)
 * @param expiresAt when it expires (null when unknown)
 * @param installedAt when the edge agent installed it
 */
public record InstalledCredential(String certificateId, String serial, Instant issuedAt, Instant expiresAt,
    Instant installedAt) {

  public InstalledCredential {
    requireNonNull(certificateId, "certificateId must not be null");
    requireNonNull(serial, "serial must not be null");
    requireNonNull(installedAt, "installedAt must not be null");
  }

  /** True when this credential is newer than {@code other} (later expiry, then later issuance). */
  boolean newerThan(InstalledCredential other) {
    int byExpiry = Instants.compare(expiresAt, other.expiresAt);
    if (byExpiry != 0) {
      return byExpiry > 0;
    }
    int byIssue = Instants.compare(issuedAt, other.issuedAt);
    return byIssue != 0 ? byIssue > 0 : serial.compareTo(other.serial) > 0;
  }
}
