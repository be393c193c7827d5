package dev.baton.cli.tools;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.schemas.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns one raw record of a Baton topic into one JSON line: key, partition, offset, timestamp and
 * the value in Avro's JSON encoding (what avro-console-consumer prints); a tombstone's value is
 * {@code null}; raw-bytes topics (the DLQ) show base64 and headers. A record that cannot be decoded
 * becomes a line with an {@code error} field instead: it never throws.
 */
final class TailFormatter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String topic;
  private final Deserializer<?> keys;
  private final Deserializer<?> values;

  TailFormatter(Topic<?, ?> topic, Map<String, ?> serdeConfig) {
    requireNonNull(topic, "topic must not be null");
    requireNonNull(serdeConfig, "serdeConfig must not be null");
    this.topic = topic.name();
    this.keys = topic.keySerde(serdeConfig).deserializer();
    this.values = topic.valueSerde(serdeConfig).deserializer();
  }

  /** The JSON line of a record (without the newline). */
  String format(ConsumerRecord<byte[], byte[]> record) {
    ObjectNode line = JSON.createObjectNode();
    line.put("topic", record.topic());
    line.put("partition", record.partition());
    line.put("offset", record.offset());
    line.put("timestamp", record.timestamp());
    try {
      line.set("key", json(keys.deserialize(topic, record.headers(), record.key())));
      if (record.headers().toArray().length > 0) {
        ObjectNode headers = line.putObject("headers");
        for (Header h : record.headers()) {
          headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
      }
      line.set("value", json(values.deserialize(topic, record.headers(), record.value())));
    } catch (RuntimeException e) {
      line.remove("value");
      line.put("error", "cannot decode: " + e.getMessage());
    }
    return line.toString();
  }

  private static JsonNode json(Object o) {
    if (o == null) {
      return JSON.nullNode();
    }
    if (o instanceof SpecificRecord r) {
      return avroJson(r);
    }
    if (o instanceof byte[] b) {
      return JSON.createObjectNode().put("base64", Base64.getEncoder().encodeToString(b));
    }
    return JSON.valueToTree(o.toString());
  }

  private static JsonNode avroJson(SpecificRecord r) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      JsonEncoder enc = EncoderFactory.get().jsonEncoder(r.getSchema(), out);
      new SpecificDatumWriter<SpecificRecord>(r.getSchema()).write(r, enc);
      enc.flush();
      return JSON.readTree(out.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot render " + r.getSchema().getFullName() + " as JSON: " + e.getMessage(), e);
    }
  }
}
