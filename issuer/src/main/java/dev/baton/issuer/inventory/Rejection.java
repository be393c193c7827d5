package dev.baton.issuer.inventory;

import static java.util.Objects.requireNonNull;

/**
 * Why an inventory entry cannot be used.
 *
 * @param id the sub-directory name
 * @param reason the category (a metric label)
 * @param message what an operator can act on
 */
public record Rejection(String id, Reason reason, String message) {

  /** Categories of unusable inventory entries. */
  public enum Reason {
    /** The directory name is not a safe certificate id. */
    UNSAFE_ID,
    /** Neither cert.pem + key.pem nor cert.p12 is there. */
    MISSING_FILES,
    /** The PKCS#12 password variable is not set. */
    PASSWORD_MISSING,
    /** A file cannot be read or parsed. */
    UNREADABLE,
    /** The certificate may not delegate (RFC 9345 section 4.2). */
    NOT_DELEGATION_CERTIFICATE,
    /** The private key does not belong to the certificate. */
    KEY_MISMATCH,
    /** The certificate is not valid yet. */
    NOT_YET_VALID,
    /** The certificate has expired. */
    EXPIRED
  }

  public Rejection {
    requireNonNull(id, "id must not be null");
    requireNonNull(reason, "reason must not be null");
    requireNonNull(message, "message must not be null");
  }
}
