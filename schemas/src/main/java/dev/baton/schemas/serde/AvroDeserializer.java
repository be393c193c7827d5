package dev.baton.schemas.serde;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.registry.SchemaRegistryClient;
import dev.baton.schemas.registry.SchemaRegistryClients;
import dev.baton.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Any bad input throws {@link SerializationException} whose message starts with
 * {@code topic <name>:} and names the cause: too short, wrong magic byte, unknown schema id,
 * truncated, trailing bytes, or not readable as the expected type. A Kafka consumer wraps it in a
 * {@code RecordDeserializationException} carrying partition and offset, so the caller can
 * dead-letter the record and seek past it. When the registry could not be reached, the cause is a
 * {@link SchemaRegistryException} with {@code isRetriable()}: see {@link #isRegistryUnavailable}.
 *
 * @param <T> the record type
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  /** Magic byte + 4-byte schema id. */
  static final int HEADER_LENGTH = 5;

  static {
    AvroTrust.ensureInstalled();
  }

  private final Class<T> type;
  private final Schema readerSchema;
  private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
  private SchemaRegistryClient registry;

  /** A deserializer for one record class; call {@link #configure} before use. */
  public AvroDeserializer(Class<T> type) {
    this.type = requireNonNull(type, "type must not be null");
    this.readerSchema = SpecificData.get().getSchema(type);
  }

  /** A deserializer using the given registry client (shared, not closed by this deserializer). */
  public AvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
    this(type);
    this.registry = requireNonNull(registry, "registry must not be null");
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = SchemaRegistryClients.forConfig(SerdeConfig.parse(configs, isKey));
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null; // a tombstone
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    int id = schemaId(topic, data);
    SpecificDatumReader<T> reader = reader(topic, id);
    int payload = data.length - HEADER_LENGTH;
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, payload, null);
    T value;
    try {
      value = reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      String cause = e instanceof java.io.EOFException
          ? "truncated: the " + payload + "-byte payload ends inside the record"
          : "not readable as " + type.getName() + ": " + e;
      throw new SerializationException("topic " + topic + ": schema id " + id + ": " + cause, e);
    }
    if (!isEnd(decoder)) {
      throw new SerializationException("topic " + topic + ": schema id " + id + ": trailing bytes: the "
          + payload + "-byte payload holds more than one " + type.getSimpleName());
    }
    return value;
  }

  /**
   * True when a deserialization failure came from the registry being unreachable or failing (a
   * reason to retry later), rather than from the record's bytes (a reason to dead-letter it).
   */
  public static boolean isRegistryUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException e) {
        return e.isRetriable();
      }
    }
    return false;
  }

  private static int schemaId(String topic, byte[] data) {
    if (data.length < HEADER_LENGTH) {
      throw new SerializationException("topic " + topic + ": record of " + data.length
          + " byte(s) is too short for the Confluent wire format (magic byte, 4-byte schema id, Avro data)");
    }
    if (data[0] != AvroSerializer.MAGIC_BYTE) {
      throw new SerializationException("topic " + topic + ": unknown magic byte " + data[0]
          + " (expected 0, the Confluent wire format)");
    }
    return ByteBuffer.wrap(data, 1, 4).getInt();
  }

  private SpecificDatumReader<T> reader(String topic, int id) {
    SpecificDatumReader<T> reader = readers.get(id);
    if (reader != null) {
      return reader;
    }
    Schema writer;
    try {
      writer = registry.byId(id);
    } catch (SchemaRegistryException e) {
      String cause = e.isNotFound()
          ? "unknown schema id " + id + ": the registry has no such schema"
          : "cannot fetch writer schema id " + id + (e.isRetriable() ? " (registry unavailable, retriable)" : "");
      throw new SerializationException("topic " + topic + ": " + cause + ": " + e.getMessage(), e);
    }
    reader = new SpecificDatumReader<>(writer, readerSchema, SpecificData.getForClass(type));
    readers.putIfAbsent(id, reader);
    return reader;
  }

  private static boolean isEnd(BinaryDecoder decoder) {
    try {
      return decoder.isEnd();
    } catch (IOException e) {
      return false;
    }
  }
}
