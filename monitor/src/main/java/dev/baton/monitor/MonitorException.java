package dev.baton.monitor;

/** The monitor could not start or run: the message says what failed and what to check. */
public class MonitorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MonitorException(String message, Throwable cause) {
    super(message, cause);
  }
}
