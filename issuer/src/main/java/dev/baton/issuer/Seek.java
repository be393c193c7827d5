package dev.baton.issuer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** Positioning of group-less consumers (assign + seek), shared by read-back and the control consumer. */
final class Seek {
  private Seek() {}

  /** Every partition of a topic; throws when the topic does not exist (yet). */
  static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic, Duration timeout) {
    List<TopicPartition> out = consumer.partitionsFor(topic, timeout).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    if (out.isEmpty()) {
      throw new KafkaException("topic " + topic + " does not exist (yet)");
    }
    return out;
  }

  /**
   * Seeks each (assigned) partition to its first record at or after {@code from}, or to its end
   * when there is none; returns the end offsets found on the way.
   */
  static Map<TopicPartition, Long> toTime(Consumer<?, ?> consumer, List<TopicPartition> partitions, Instant from,
      Duration timeout) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp start = starts.get(tp);
      consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
    }
    return ends;
  }

  /** True when the consumer's position reached every given end offset. */
  static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
