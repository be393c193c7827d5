package dev.baton.distributor;

/**
 * An input record that deserialized but breaks a rule of its topic. The record goes to the
 * dead-letter topic with reason {@code malformed}; the message says what was wrong.
 */
public final class MalformedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedRecordException(String message) {
    super(message);
  }
}
