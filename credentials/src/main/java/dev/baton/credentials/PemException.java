package dev.baton.credentials;

/** PEM text or a key/certificate file that cannot be read: the message names the file or block. */
public class PemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PemException(String message) {
    super(message);
  }

  public PemException(String message, Throwable cause) {
    super(message, cause);
  }
}
