package dev.baton.distributor;

/** The distributor cannot start or run: Kafka, the registry or the management port is not usable. */
public final class DistributorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DistributorException(String message, Throwable cause) {
    super(message, cause);
  }
}
