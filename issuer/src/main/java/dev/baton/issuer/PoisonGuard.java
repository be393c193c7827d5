package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and checks records read as bytes, so a record that does not decode or fails a check is
 * logged, counted and skipped instead of stopping the consumer.
 */
final class PoisonGuard {

  private static final Logger LOG = LoggerFactory.getLogger(PoisonGuard.class);

  private final IssuerMetrics metrics;

  PoisonGuard(IssuerMetrics metrics) {
    this.metrics = requireNonNull(metrics, "metrics must not be null");
  }

  /**
   * The checked value of a record, or null (logged and counted) when it does not decode or
   * {@code check} throws. Tombstones are the caller's business: they must not get here.
   */
  <V, R> R decode(ConsumerRecord<byte[], byte[]> record, Deserializer<V> deserializer, Function<V, R> check) {
    try {
      V value = deserializer.deserialize(record.topic(), record.headers(), record.value());
      return check.apply(value);
    } catch (RuntimeException e) {
      skip(record, e.toString());
      return null;
    }
  }

  /** Logs and counts a record that cannot be used. */
  void skip(ConsumerRecord<byte[], byte[]> record, String why) {
    metrics.poisonRecord(record.topic());
    LOG.warn("skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), why);
  }
}
