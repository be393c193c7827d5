package dev.baton.distributor;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds records for {@code baton.dlq}: the original key and bytes, and the {@code baton.dlq.*}
 * headers (reason, detail, source topic, partition, offset).
 *
 * <p>Records are re-keyed by certificate and pass through internal repartition topics before they
 * are routed, so the intake stamps the original coordinates on each record as source headers; a
 * dead letter written later still points at the record an operator can find in the input topic.
 */
final class DeadLetters {

  /** Longest detail header kept; exception chains can be long. */
  static final int MAX_DETAIL = 1000;

  private DeadLetters() {}

  /**
   * Where a record came from: its input topic, partition and offset.
   *
   * @param topic source topic
   * @param partition source partition
   * @param offset offset in the source partition
   */
  record Source(String topic, int partition, long offset) {
    Source {
      requireNonNull(topic, "topic must not be null");
    }

    /**
     * The stamped source of a record read from an internal topic, or else the coordinates it is
     * being processed at. A stamp on an input record is ignored: producers could forge it.
     */
    static Source of(Headers headers, String topic, int partition, long offset) {
      if (Topics.CREDENTIALS_ISSUED.name().equals(topic) || Topics.POLICY.name().equals(topic)) {
        return new Source(topic, partition, offset);
      }
      Optional<String> t = text(headers, Topics.DLQ_HEADER_SOURCE_TOPIC);
      Optional<String> p = text(headers, Topics.DLQ_HEADER_SOURCE_PARTITION);
      Optional<String> o = text(headers, Topics.DLQ_HEADER_SOURCE_OFFSET);
      if (t.isPresent() && p.isPresent() && o.isPresent()) {
        try {
          return new Source(t.get(), Integer.parseInt(p.get()), Long.parseLong(o.get()));
        } catch (NumberFormatException e) {
          // A forged or damaged stamp: fall back to where the record is now.
        }
      }
      return new Source(topic == null ? "unknown" : topic, partition, offset);
    }

    /** The stamped source, or the coordinates of the record being processed. */
    static Source of(Headers headers, Optional<RecordMetadata> now) {
      return now.map(m -> of(headers, m.topic(), m.partition(), m.offset())).orElseGet(() -> of(headers, null, -1, -1));
    }
  }

  /** Headers of a record with the source stamped (any earlier stamp replaced). */
  static Headers stamped(Headers original, Source source) {
    Headers h = withoutBatonDlqHeaders(original);
    h.add(Topics.DLQ_HEADER_SOURCE_TOPIC, utf8(source.topic()));
    h.add(Topics.DLQ_HEADER_SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
    h.add(Topics.DLQ_HEADER_SOURCE_OFFSET, utf8(Long.toString(source.offset())));
    return h;
  }

  /** The original headers (without earlier {@code baton.dlq.*}) plus the reason, detail and source. */
  static Headers headers(Headers original, DeadLetterReason reason, String detail, Source source) {
    Headers h = stamped(original, source);
    h.add(Topics.DLQ_HEADER_REASON, utf8(reason.code()));
    h.add(Topics.DLQ_HEADER_DETAIL, utf8(truncate(detail)));
    return h;
  }

  /** A dead letter with the given raw key and value. */
  static ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value, long timestamp, Headers headers) {
    return new ProducerRecord<>(Topics.DLQ.name(), null, timestamp < 0 ? null : timestamp, key, value, headers);
  }

  /** A one-line detail of an exception and its causes, without stack frames. */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null && sb.length() < MAX_DETAIL; t = t.getCause()) {
      if (sb.length() > 0) {
        sb.append(" <- ");
      }
      sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return sb.toString();
  }

  private static Headers withoutBatonDlqHeaders(Headers original) {
    Headers h = new RecordHeaders();
    if (original != null) {
      for (Header header : original) {
        if (!header.key().startsWith("baton.dlq.")) {
          h.add(header);
        }
      }
    }
    return h;
  }

  private static Optional<String> text(Headers headers, String key) {
    Header h = headers == null ? null : headers.lastHeader(key);
    return h == null || h.value() == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
  }

  private static String truncate(String s) {
    String v = s == null ? "" : s;
    return v.length() <= MAX_DETAIL ? v : v.substring(0, MAX_DETAIL - 3) + "...";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
