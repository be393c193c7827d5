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
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
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
   * @throws TimeoutException when the topic or its end cannot be reached within {@code timeout}
   */
  Map<PairKey, IssuedCredential> read(Instant from, Duration timeout) {
    String topic = Topics.CREDENTIALS_ISSUED.name();
    List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    if (partitions.isEmpty()) {
      throw new TimeoutException("topic " + topic + " has no partitions (does it exist?)");
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp start = starts.get(tp);
      consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
    }
    Map<PairKey, IssuedCredential> newest = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!caughtUp(ends)) {
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

  private boolean caughtUp(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
