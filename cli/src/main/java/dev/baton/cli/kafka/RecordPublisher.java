package dev.baton.cli.kafka;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.Topic;
import dev.baton.service.KafkaSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes single records to one topic and waits for the broker's acknowledgement, so an operator
 * command reports success only once the record is durable (acks=all, idempotent).
 *
 * @param <V> value type
 */
public final class RecordPublisher<V> implements AutoCloseable {
  private static final long SEND_TIMEOUT_SECONDS = 30;

  private final Topic<String, V> topic;
  private final KafkaProducer<String, V> producer;

  private RecordPublisher(Topic<String, V> topic, KafkaProducer<String, V> producer) {
    this.topic = topic;
    this.producer = producer;
  }

  /** Creates the topic if missing, then opens a producer for it. */
  public static <V> RecordPublisher<V> open(KafkaSettings settings, Topic<String, V> topic) {
    requireNonNull(settings, "settings must not be null");
    requireNonNull(topic, "topic must not be null");
    try (Admin admin = Admin.create(settings.clientProperties())) {
      TopicBootstrap.ensure(admin, List.of(topic));
    }
    Map<String, Object> props = settings.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(SEND_TIMEOUT_SECONDS));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    Map<String, Object> serde = settings.serdeProperties();
    return new RecordPublisher<>(topic, new KafkaProducer<>(props,
        topic.keySerde(serde).serializer(), topic.valueSerde(serde).serializer()));
  }

  /** Sends one record (null value: tombstone) and waits until it is acknowledged. */
  public RecordMetadata publish(String key, V value) {
    requireNonNull(key, "key must not be null");
    try {
      return producer.send(new ProducerRecord<>(topic.name(), key, value))
          .get(SEND_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new KafkaCommandException("cannot write to " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaCommandException("no acknowledgement from Kafka for " + topic.name() + " within "
          + SEND_TIMEOUT_SECONDS + " s; is --bootstrap-server right?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaCommandException("interrupted while writing to " + topic.name(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
