package dev.baton.credentials.seal;

/** A sealed key that cannot be opened (wrong region key, wrong binding, tampered) or sealed. */
public class SealException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SealException(String message) {
    super(message);
  }

  public SealException(String message, Throwable cause) {
    super(message, cause);
  }
}
