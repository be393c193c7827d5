package dev.baton.cli.kafka;

/** A command could not do its Kafka work (unreachable cluster, refused write); the message says what to check. */
public class KafkaCommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KafkaCommandException(String message) {
    super(message);
  }

  public KafkaCommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
