package dev.baton.schemas.registry;

/** The schema registry refused a request or could not be reached. */
public class SchemaRegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final boolean retriable;

  /** A failure with the registry's HTTP status (0 when no answer came). */
  public SchemaRegistryException(String message, int httpStatus, Throwable cause) {
    this(message, httpStatus, cause,
        httpStatus == 0 || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500);
  }

  /**
   * A failure with an explicit verdict on retrying, for failures without an answer that a retry
   * cannot fix (a TLS handshake with an untrusted certificate).
   */
  public SchemaRegistryException(String message, int httpStatus, Throwable cause, boolean retriable) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.retriable = retriable;
  }

  /** A failure with the registry's HTTP status (0 when no answer came). */
  public SchemaRegistryException(String message, int httpStatus) {
    this(message, httpStatus, null);
  }

  /** The HTTP status the registry answered with, or 0 when it did not answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** True when the registry said the subject, version or schema does not exist. */
  public boolean isNotFound() {
    return httpStatus == 404;
  }

  /**
   * True when trying again may succeed: no registry answered (connection refused, timeout), or it
   * answered 408, 429 or 5xx. A TLS handshake failure is not retriable.
   */
  public boolean isRetriable() {
    return retriable;
  }

  /** True when the registry refused the credentials (HTTP 401 or 403). */
  public boolean isUnauthorized() {
    return httpStatus == 401 || httpStatus == 403;
  }

  /** True when the registry refused the schema as incompatible. */
  public boolean isIncompatible() {
    return httpStatus == 409;
  }
}
