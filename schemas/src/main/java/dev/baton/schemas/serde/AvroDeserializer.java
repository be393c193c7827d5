package dev.baton.schemas.serde;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.registry.SchemaRegistryClient;
import dev.baton.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format into a SpecificRecord of one known class, resolving the writer's
 * schema (by id, from the registry) against the class's schema.
 *
 * <p>Any bad input throws {@link SerializationException} naming the topic and the cause; the Kafka
 * consumer adds partition and offset, so a caller can dead-letter the record and go on.
 *
 * @param <T> the record type
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  static {
    AvroTrust.ensureInstalled();
  }

  private final Class<T> type;
  private final Schema readerSchema;
  private SchemaRegistryClient registry;

  /** A deserializer for one record class; call {@link #configure} before use. */
  public AvroDeserializer(Class<T> type) {
    this.type = requireNonNull(type, "type must not be null");
    this.readerSchema = SpecificData.get().getSchema(type);
  }

  /** A deserializer using the given registry client (shared, not closed by this deserializer). */
  public AvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
    this(type);
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = SchemaRegistryClients.forConfig(SerdeConfig.parse(configs, isKey));
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    if (data.length < 5) {
      throw new SerializationException(
          "topic " + topic + ": record of " + data.length + " bytes is too short for the Confluent wire format (at least 5)");
    }
    ByteBuffer buf = ByteBuffer.wrap(data);
    byte magic = buf.get();
    if (magic != AvroSerializer.MAGIC_BYTE) {
      throw new SerializationException(
          "topic " + topic + ": unknown magic byte " + magic + " (expected 0, the Confluent wire format)");
    }
    int id = buf.getInt();
    Schema writer;
    try {
      writer = registry.byId(id);
    } catch (RuntimeException e) {
      throw new SerializationException(
          "topic " + topic + ": cannot get writer schema id " + id + ": " + e.getMessage(), e);
    }
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, null);
      SpecificDatumReader<T> reader = new SpecificDatumReader<>(writer, readerSchema, SpecificData.getForClass(type));
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new IOException((data.length - 5) + "-byte payload has trailing bytes after the record");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("topic " + topic + ": cannot read " + type.getSimpleName()
          + " written with schema id " + id + ": " + e, e);
    }
  }
}
