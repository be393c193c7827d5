package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes issue, policy and status events, applies them to the shared {@link RolloutTracker}, keeps the
 * accepted ones in the {@link FactStore}, and dead-letters what cannot be read or makes no sense.
 * On init it replays its task's stored facts into the tracker, so state survives a restart.
 */
final class TrackerProcessor implements Processor<byte[], byte[], byte[], byte[]> {

  /** Reason code: the bytes are not a readable event of the topic's type. */
  static final String REASON_UNREADABLE = "UNREADABLE";
  /** Reason code: the event decoded but lacks what its kind needs (a certificate, a valid region...). */
  static final String REASON_INVALID = "INVALID";

  /** Reason code: the monitor failed on the record (a bug); see its log. */
  static final String REASON_FAILED = "FAILED";

  private static final Logger LOG = LoggerFactory.getLogger(TrackerProcessor.class);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(5);

  private final RolloutTracker tracker;
  private final Map<String, Object> serdeConfig;
  private final DeadLetterListener deadLetters;
  private ProcessorContext<byte[], byte[]> context;
  private EventDecoder decoder;
  private FactStore facts;

  TrackerProcessor(RolloutTracker tracker, Map<String, Object> serdeConfig, DeadLetterListener deadLetters) {
    this.tracker = requireNonNull(tracker, "tracker must not be null");
    this.serdeConfig = Map.copyOf(requireNonNull(serdeConfig, "serdeConfig must not be null"));
    this.deadLetters = requireNonNull(deadLetters, "deadLetters must not be null");
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.decoder = new EventDecoder(serdeConfig);
    this.facts = new FactStore(context.getStateStore(MonitorTopology.FACTS_STORE), decoder);
    facts.replayInto(tracker);
    tracker.prune();
    context.schedule(PRUNE_EVERY, PunctuationType.WALL_CLOCK_TIME, ts -> {
      int pruned = facts.prune(tracker.horizon());
      tracker.prune();
      LOG.debug("pruned {} stored facts older than {}", pruned, tracker.horizon());
    });
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("?");
    if (Topics.POLICY.name().equals(topic) && record.value() == null) {
      policyDeleted(record, topic);
      return;
    }
    if (record.value() == null) {
      deadLetter(record, topic, REASON_UNREADABLE, "record has no value");
      return;
    }
    try {
      if (Topics.CREDENTIALS_ISSUED.name().equals(topic)) {
        CredentialIssued e = decoder.issued(record.value());
        tracker.onIssued(e);
        facts.issued(e, record.value());
      } else if (Topics.POLICY.name().equals(topic)) {
        GeoPolicy p = decoder.policy(record.value());
        tracker.onPolicy(p);
        facts.policy(p.getCertificateId(), record.value());
      } else {
        RolloutStatus s = decoder.status(record.value());
        if (tracker.onStatus(s)) {
          facts.status(s, record.value());
        }
      }
    } catch (SerializationException e) {
      if (EventDecoder.isTransient(e)) {
        throw e; // the registry is down, not the record bad: fail and retry from the last commit
      }
      deadLetter(record, topic, REASON_UNREADABLE, e.getMessage());
    } catch (IllegalArgumentException e) {
      deadLetter(record, topic, REASON_INVALID, e.getMessage());
    } catch (KafkaException e) {
      throw e; // Streams' own failures (store, task migrated) are for Streams to handle
    } catch (RuntimeException e) {
      // A bug here must not stop the monitor on one record; the DLQ keeps the record to replay.
      LOG.error("monitor failed on a record of {}", topic, e);
      deadLetter(record, topic, REASON_FAILED, e.toString());
    }
  }

  /** A policy tombstone, keyed by certificate id: the certificate is no longer allowed anywhere. */
  private void policyDeleted(Record<byte[], byte[]> record, String topic) {
    if (record.key() == null) {
      deadLetter(record, topic, REASON_INVALID, "policy tombstone without a certificate id key");
      return;
    }
    String cert = new String(record.key(), StandardCharsets.UTF_8);
    tracker.onPolicyDeleted(cert);
    facts.policy(cert, null);
  }

  private void deadLetter(Record<byte[], byte[]> record, String topic, String reason, String detail) {
    RecordMetadata meta = context.recordMetadata().orElse(null);
    String partition = meta == null ? "?" : Integer.toString(meta.partition());
    String offset = meta == null ? "?" : Long.toString(meta.offset());
    LOG.warn("dead-lettering record {}-{}@{}: {}: {}", topic, partition, offset, reason, detail);
    Headers headers = new RecordHeaders(record.headers().toArray());
    header(headers, Topics.DLQ_HEADER_REASON, reason);
    header(headers, Topics.DLQ_HEADER_DETAIL, String.valueOf(detail));
    header(headers, Topics.DLQ_HEADER_SOURCE_TOPIC, topic);
    header(headers, Topics.DLQ_HEADER_SOURCE_PARTITION, partition);
    header(headers, Topics.DLQ_HEADER_SOURCE_OFFSET, offset);
    context.forward(record.withHeaders(headers), MonitorTopology.DLQ_SINK);
    deadLetters.deadLettered(topic, reason);
  }

  private static void header(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    if (decoder != null) {
      decoder.close();
    }
  }
}
