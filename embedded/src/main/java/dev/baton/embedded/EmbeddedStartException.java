package dev.baton.embedded;

/** An embedded broker or registry could not be started; the message says what to check. */
public final class EmbeddedStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EmbeddedStartException(String message) {
    super(message);
  }

  public EmbeddedStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
