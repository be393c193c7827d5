package dev.baton.edge.kafka;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.edge.RecordProcessor;
import dev.baton.schemas.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The region topic's consumer loop, on its own thread (a plain {@link Consumer}, not
 * vertx-kafka-client: see the module README). Keys and values arrive as bytes and are decoded here,
 * so a poison record is rejected with its key and skipped, never retried forever. The offset of a
 * record is committed only after its install is durable and its status was flushed. The loop
 * survives every error except {@link #close()}.
 */
public final class RegionConsumer implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RegionConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration BACKOFF = Duration.ofSeconds(1);

  private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
  private final String topic;
  private final String datacenter;
  private final Deserializer<CredentialIssued> values;
  private final RecordProcessor processor;
  private final StatusReporter reporter;
  private final Runnable housekeeping;
  private final Map<TopicPartition, Long> endOffsetsAtStart = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
  private volatile Consumer<byte[], byte[]> consumer;
  private volatile boolean assigned;
  private volatile boolean closing;

  /**
   * @param consumerFactory gives the consumer (used and closed by the loop thread only)
   * @param housekeeping run between polls on this thread (the store's garbage collection)
   */
  public RegionConsumer(Supplier<Consumer<byte[], byte[]>> consumerFactory, String topic, String datacenter,
      Deserializer<CredentialIssued> values, RecordProcessor processor, StatusReporter reporter, Runnable housekeeping) {
    this.consumerFactory = requireNonNull(consumerFactory, "consumerFactory must not be null");
    this.topic = requireNonNull(topic, "topic must not be null");
    this.datacenter = requireNonNull(datacenter, "datacenter must not be null");
    this.values = requireNonNull(values, "values must not be null");
    this.processor = requireNonNull(processor, "processor must not be null");
    this.reporter = requireNonNull(reporter, "reporter must not be null");
    this.housekeeping = requireNonNull(housekeeping, "housekeeping must not be null");
  }

  /** True once partitions are assigned and every one reached the end offset seen when it was first assigned. */
  public boolean caughtUp() {
    if (!assigned) {
      return false;
    }
    for (Map.Entry<TopicPartition, Long> e : endOffsetsAtStart.entrySet()) {
      if (positions.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** True once the group gave this agent its partitions. */
  public boolean assigned() {
    return assigned;
  }

  @Override
  public void run() {
    try (Consumer<byte[], byte[]> c = consumerFactory.get()) {
      consumer = c;
      if (closing) {
        return;
      }
      c.subscribe(List.of(topic), new Rebalance(c));
      while (!closing) {
        try {
          pollOnce(c);
          housekeeping.run();
        } catch (WakeupException e) {
          if (!closing) {
            LOG.debug("woken up without close");
          }
        } catch (RecordDeserializationException e) {
          // Cannot happen with byte deserializers, but a poison record must never stop the loop.
          LOG.warn("skipping undecodable record {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
          c.seek(e.topicPartition(), e.offset() + 1);
        } catch (KafkaException | IllegalStateException e) {
          LOG.warn("consumer error (retrying in {}): {}", BACKOFF, e.toString());
          sleep(BACKOFF);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("region consumer stopped", e);
    }
  }

  private void pollOnce(Consumer<byte[], byte[]> c) {
    ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
    for (TopicPartition tp : records.partitions()) {
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
        RecordProcessor.Outcome outcome = handle(record);
        if (outcome == null || outcome.retry()) {
          report(outcome);
          commit(c, done);
          c.seek(tp, record.offset());
          sleep(BACKOFF);
          break;
        }
        report(outcome);
        done.put(tp, new OffsetAndMetadata(record.offset() + 1));
        positions.put(tp, record.offset() + 1);
      }
      commit(c, done);
    }
    for (TopicPartition tp : c.assignment()) {
      positions.put(tp, c.position(tp));
    }
  }

  /** Decodes and processes one record; null when it must be retried (the registry was unreachable). */
  private RecordProcessor.Outcome handle(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    CredentialIssued event;
    try {
      event = values.deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      if (registryUnavailable(e)) {
        LOG.warn("schema registry unavailable, will retry {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
            e.getMessage());
        return null;
      }
      return processor.malformed(key, "record " + record.partition() + "@" + record.offset() + " does not decode: " + e.getMessage());
    } catch (RuntimeException e) {
      return processor.malformed(key, "record " + record.partition() + "@" + record.offset() + " does not decode: " + e);
    }
    return processor.process(key, event);
  }

  private static boolean registryUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException s) {
        return s.httpStatus() == 0 || s.httpStatus() >= 500;
      }
    }
    return false;
  }

  private void report(RecordProcessor.Outcome outcome) {
    if (outcome != null && outcome.status() != null) {
      reporter.outcome(datacenter, outcome.certificateId(), outcome.status());
    }
  }

  private void commit(Consumer<byte[], byte[]> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (offsets.isEmpty()) {
      return;
    }
    // Statuses first, so a committed record's status is never lost.
    reporter.flush();
    try {
      c.commitSync(offsets);
    } catch (KafkaException e) {
      // Not fatal: the records come again and re-delivery of an installed serial is a no-op.
      LOG.warn("offset commit failed (records will be re-delivered): {}", e.toString());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the loop (from any thread). */
  @Override
  public void close() {
    closing = true;
    Consumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    private final Consumer<byte[], byte[]> c;

    Rebalance(Consumer<byte[], byte[]> c) {
      this.c = c;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Set<TopicPartition> fresh = new java.util.HashSet<>(partitions);
      fresh.removeAll(endOffsetsAtStart.keySet());
      if (!fresh.isEmpty()) {
        endOffsetsAtStart.putAll(c.endOffsets(fresh));
      }
      for (TopicPartition tp : partitions) {
        positions.put(tp, c.position(tp));
      }
      assigned = true;
      LOG.info("assigned {} (end offsets at start {})", partitions, endOffsetsAtStart);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      partitions.forEach(positions::remove);
      partitions.forEach(endOffsetsAtStart::remove);
    }
  }
}
