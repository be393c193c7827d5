package dev.baton.schemas;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One Kafka topic: its name, how its keys and values are (de)serialized, and how it is created.
 *
 * <p>Serdes that need the schema registry are created per use with {@link #keySerde(Map)} and
 * {@link #valueSerde(Map)}, so each client configures them with its own registry settings.
 *
 * @param name the topic name
 * @param keyFormat how keys are encoded
 * @param valueFormat how values are encoded
 * @param partitions partitions at creation
 * @param config topic-level configuration at creation (for example {@code cleanup.policy})
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
    String name, Format<K> keyFormat, Format<V> valueFormat, int partitions, Map<String, String> config) {

  public Topic {
    requireNonNull(name, "name must not be null");
    requireNonNull(keyFormat, "keyFormat must not be null");
    requireNonNull(valueFormat, "valueFormat must not be null");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    config = Map.copyOf(requireNonNull(config, "config must not be null"));
  }

  /** A configured serde for this topic's keys. */
  public Serde<K> keySerde(Map<String, ?> serdeConfig) {
    return keyFormat.serde(serdeConfig, true);
  }

  /** A configured serde for this topic's values. */
  public Serde<V> valueSerde(Map<String, ?> serdeConfig) {
    return valueFormat.serde(serdeConfig, false);
  }

  /** The topic as Admin creates it, with the given replication factor. */
  public NewTopic newTopic(short replicationFactor) {
    return new NewTopic(name, partitions, replicationFactor).configs(config);
  }

  /**
   * How one side (key or value) of a topic is encoded.
   *
   * @param <T> the Java type of that side
   */
  @FunctionalInterface
  public interface Format<T> {
    /** Creates a serde configured from the client's serde settings. */
    Serde<T> serde(Map<String, ?> serdeConfig, boolean isKey);

    /** UTF-8 strings. */
    static Format<String> string() {
      return (cfg, isKey) -> Serdes.String();
    }

    /** Raw bytes, as received. */
    static Format<byte[]> bytes() {
      return (cfg, isKey) -> Serdes.ByteArray();
    }
  }
}
