package dev.baton.distributor;

import dev.baton.avro.v1.GeoPolicy;
import dev.baton.schemas.Topics;
import dev.baton.service.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regions known before any credential arrives: the keys of {@code baton.regions} and the
 * regions every policy on {@code baton.policy} names. Read once at startup so their topics exist
 * before the edges of a new region start consuming.
 */
final class KnownRegions {

  private static final Logger LOG = LoggerFactory.getLogger(KnownRegions.class);

  private KnownRegions() {}

  /** Reads both compacted topics, those of them that exist, to their end (committed records only). */
  static Set<String> read(KafkaSettings kafka, Set<String> existingTopics, Duration timeout) {
    Set<String> regions = new TreeSet<>();
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      if (existingTopics.contains(Topics.REGIONS.name())) {
        readToEnd(consumer, Topics.REGIONS.name(), timeout, (key, value) -> add(regions, key, Topics.REGIONS.name()));
      }
      Deserializer<GeoPolicy> policies = Topics.POLICY.valueSerde(kafka.serdeProperties()).deserializer();
      readToEnd(consumer, Topics.POLICY.name(), timeout, (key, value) -> {
        try {
          GeoPolicy p = policies.deserialize(Topics.POLICY.name(), value);
          if (p != null) {
            p.getRegions().forEach(r -> add(regions, r, Topics.POLICY.name()));
          }
        } catch (RuntimeException e) {
          // The topology dead-letters it; here it only names no region.
        }
      });
    }
    return regions;
  }

  private static void readToEnd(KafkaConsumer<String, byte[]> consumer, String topic, Duration timeout,
      BiConsumer<String, byte[]> each) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    if (partitions.isEmpty()) {
      return;
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    Instant deadline = Instant.now().plus(timeout);
    while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
      if (Instant.now().isAfter(deadline)) {
        throw new DistributorException("cannot read " + topic + " to its end within " + timeout, null);
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        each.accept(r.key(), r.value());
      }
    }
  }

  private static void add(Set<String> regions, String region, String topic) {
    try {
      regions.add(Topics.requireValidRegion(region));
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring a region named on {}: {}", topic, e.getMessage());
    }
  }
}
