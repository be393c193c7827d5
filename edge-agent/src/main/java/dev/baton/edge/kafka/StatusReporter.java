package dev.baton.edge.kafka;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.RolloutStatus;
import dev.baton.schemas.Topics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends status events to {@code baton.rollout.status}. Thread-safe (the Kafka producer is): the
 * consumer thread sends outcomes, a Vert.x timer sends heartbeats.
 */
public final class StatusReporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

  private final Producer<String, RolloutStatus> producer;
  private final AtomicLong failures = new AtomicLong();

  StatusReporter(Producer<String, RolloutStatus> producer) {
    this.producer = requireNonNull(producer, "producer must not be null");
  }

  /** A reporter with its own idempotent producer. */
  public static StatusReporter create(Map<String, Object> clientProperties, Map<String, Object> serdeProperties, String clientId) {
    Map<String, Object> props = new java.util.HashMap<>(clientProperties);
    props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    var topic = Topics.ROLLOUT_STATUS;
    return new StatusReporter(new KafkaProducer<>(props, topic.keySerde(serdeProperties).serializer(),
        topic.valueSerde(serdeProperties).serializer()));
  }

  /** Sends a credential outcome, key {@code datacenter/certificateId}. */
  public void outcome(String datacenter, String certificateId, RolloutStatus status) {
    send(Topics.statusKey(datacenter, certificateId), status);
  }

  /** Sends a heartbeat, key {@code datacenter}. */
  public void heartbeat(String datacenter, RolloutStatus status) {
    send(datacenter, status);
  }

  /** Waits until everything sent so far is acknowledged (or failed). */
  public void flush() {
    producer.flush();
  }

  /** Sends that failed after the producer's retries. */
  public long failures() {
    return failures.get();
  }

  private void send(String key, RolloutStatus status) {
    try {
      producer.send(new ProducerRecord<>(Topics.ROLLOUT_STATUS.name(), key, status), (md, e) -> {
        if (e != null) {
          failures.incrementAndGet();
          LOG.warn("status {} for {} not delivered: {}", status.getState(), key, e.toString());
        }
      });
    } catch (RuntimeException e) {
      // Serialization or a closed producer: a status is never worth stopping the agent for.
      failures.incrementAndGet();
      LOG.warn("status {} for {} not sent: {}", status.getState(), key, e.toString());
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
