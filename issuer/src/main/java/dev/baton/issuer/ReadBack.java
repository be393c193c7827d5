package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Rebuilds the newest credential per pair from {@code baton.credentials.issued}: every partition
 * from {@code from} (offsetsForTimes) up to the end offsets taken at the start. This is the
 * issuer's only memory across restarts.
 */
final class ReadBack {

  private final Consumer<byte[], byte[]> consumer;
  private final Deserializer<CredentialIssued> deserializer;
  private final PoisonGuard guard;

  ReadBack(Consumer<byte[], byte[]> consumer, Deserializer<CredentialIssued> deserializer, PoisonGuard guard) {
    this.consumer = requireNonNull(consumer, "consumer must not be null");
    this.deserializer = requireNonNull(deserializer, "deserializer must not be null");
    this.guard = requireNonNull(guard, "guard must not be null");
  }

  /**
   * Reads from {@code from} to the current end.
   *
   * @throws org.apache.kafka.common.KafkaException when the topic or its end cannot be reached in time
   */
  Map<PairKey, IssuedCredential> read(Instant from, Duration timeout) {
    String topic = Topics.CREDENTIALS_ISSUED.name();
    List<TopicPartition> partitions = Seek.partitions(consumer, topic, timeout);
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = Seek.toTime(consumer, partitions, from, timeout);
    Map<PairKey, IssuedCredential> newest = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Seek.reached(consumer, ends)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("read-back of " + topic + " did not reach the end offsets " + ends + " in " + timeout);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.value() == null) {
          guard.skip(r, "tombstone on a delete topic");
          continue;
        }
        IssuedCredential c = guard.decode(r, deserializer, IssuedCredential::of);
        if (c != null) {
          newest.merge(c.pair(), c, (a, b) -> b.newerThan(a) ? b : a);
        }
      }
    }
    consumer.unsubscribe();
    return newest;
  }
}
