package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.schemas.Topics;
import dev.baton.service.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Produces {@code CredentialIssued} events keyed {@code certificateId/region}: idempotent, acks=all,
 * and a delivery timeout long enough to ride out a broker restart. A send that still fails
 * completes exceptionally; the engine then backs off and mints a fresh credential, so nothing is
 * dropped and a stale one is never sent late.
 */
public final class CredentialPublisher implements IssuerEngine.Sink, AutoCloseable {

  /** Default delivery timeout: the producer retries internally for this long. */
  static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(30);

  private final Producer<String, CredentialIssued> producer;

  CredentialPublisher(Producer<String, CredentialIssued> producer) {
    this.producer = requireNonNull(producer, "producer must not be null");
  }

  /** A publisher with its own producer (the issuer's settings; also used by the benchmark). */
  public static CredentialPublisher create(KafkaSettings kafka, String issuerId) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
    // send() blocks the minting thread while metadata is missing (broker down): keep it short.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "baton-issuer-" + issuerId);
    props.putAll(kafka.clientProperties());
    // Not overridable: an unacked or duplicated-by-retry credential would break the guarantees.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    Map<String, Object> serde = kafka.serdeProperties();
    return new CredentialPublisher(new KafkaProducer<>(props,
        Topics.CREDENTIALS_ISSUED.keySerde(serde).serializer(),
        Topics.CREDENTIALS_ISSUED.valueSerde(serde).serializer()));
  }

  /** Sends one event keyed {@code certificateId/region}; completes when acked. */
  @Override
  public CompletionStage<RecordMetadata> send(PairKey pair, CredentialIssued event) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(Topics.CREDENTIALS_ISSUED.name(), pair.recordKey(), event), (md, e) -> {
        if (e != null) {
          acked.completeExceptionally(e);
        } else {
          acked.complete(md);
        }
      });
    } catch (RuntimeException e) {
      // Serialization (registry down) and metadata timeouts are thrown, not called back: the
      // returned stage is then already failed, which tells the engine to stop this round.
      acked.completeExceptionally(e);
    }
    return acked;
  }

  /** Waits until everything sent so far is acked or failed. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    // Waits for what is in flight so an acked send is not cut off by shutdown.
    producer.close(Duration.ofSeconds(10));
  }
}
