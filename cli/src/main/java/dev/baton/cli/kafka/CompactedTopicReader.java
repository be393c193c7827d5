package dev.baton.cli.kafka;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.Topic;
import dev.baton.service.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted topic from the beginning to the end offsets seen at start, keeping the latest
 * value per key (a tombstone removes the key). No consumer group: nothing is committed, nothing is
 * left behind. A record that does not decode is skipped with a warning, never fatal.
 */
public final class CompactedTopicReader {
  private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReader.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private CompactedTopicReader() {}

  /**
   * The latest value per key, sorted by key.
   *
   * @throws KafkaCommandException when the end is not reached within {@code timeout}
   */
  public static <V> Map<String, V> readAll(KafkaSettings settings, Topic<String, V> topic, Duration timeout) {
    requireNonNull(settings, "settings must not be null");
    requireNonNull(topic, "topic must not be null");
    Map<String, Object> props = settings.clientProperties();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    Map<String, Object> serde = settings.serdeProperties();
    Map<String, V> latest = new TreeMap<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props,
        topic.keySerde(serde).deserializer(), topic.valueSerde(serde).deserializer())) {
      List<TopicPartition> partitions = partitions(consumer, topic, timeout);
      if (partitions.isEmpty()) {
        return Collections.unmodifiableMap(latest);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(timeout);
      while (!caughtUp(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new KafkaCommandException("could not read " + topic.name() + " to its end within " + timeout.toSeconds() + " s");
        }
        pollInto(consumer, latest);
      }
    }
    return Collections.unmodifiableMap(latest);
  }

  private static <V> List<TopicPartition> partitions(KafkaConsumer<String, V> consumer, Topic<String, V> topic, Duration timeout) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic.name(), timeout);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new KafkaCommandException("Kafka did not answer within " + timeout.toSeconds()
          + " s; is --bootstrap-server right?", e);
    }
    List<TopicPartition> out = new ArrayList<>();
    if (infos != null) {
      infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
    }
    return out;
  }

  private static <V> void pollInto(KafkaConsumer<String, V> consumer, Map<String, V> latest) {
    try {
      for (ConsumerRecord<String, V> r : consumer.poll(POLL)) {
        if (r.key() == null) {
          continue;
        }
        if (r.value() == null) {
          latest.remove(r.key());
        } else {
          latest.put(r.key(), r.value());
        }
      }
    } catch (RecordDeserializationException e) {
      // A poison record must not stop an operator from reading the rest.
      LOG.warn("skipping undecodable record {} at offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
