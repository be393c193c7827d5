package dev.baton.credentials;

/** RFC 9345 bytes that do not parse: the message says which field and why. */
public class MalformedCredentialException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedCredentialException(String message) {
    super(message);
  }

  public MalformedCredentialException(String message, Throwable cause) {
    super(message, cause);
  }
}
