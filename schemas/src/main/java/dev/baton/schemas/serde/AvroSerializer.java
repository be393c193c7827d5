package dev.baton.schemas.serde;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.registry.SchemaRegistryClient;
import dev.baton.schemas.registry.SchemaRegistryClients;
import dev.baton.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes SpecificRecords in the Confluent wire format: magic byte 0, the 4-byte big-endian schema
 * id, then the Avro binary encoding. Byte-compatible with Confluent's KafkaAvroSerializer.
 *
 * @param <T> the record type
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  static final byte MAGIC_BYTE = 0;

  private record TopicSchema(String topic, Schema schema) {}

  static {
    AvroTrust.ensureInstalled();
  }

  /** Schema ids by (topic, schema): keyed by the Schema object, whose hash Avro caches. */
  private final Map<TopicSchema, Integer> idCache = new ConcurrentHashMap<>();
  private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
  private SchemaRegistryClient registry;
  private SerdeConfig config;
  private boolean isKey;

  /** For Kafka's reflective construction; call {@link #configure} before use. */
  public AvroSerializer() {}

  /** A serializer using the given registry client (shared, not closed by this serializer). */
  public AvroSerializer(SchemaRegistryClient registry, SerdeConfig config, boolean isKey) {
    this.registry = requireNonNull(registry, "registry must not be null");
    this.config = requireNonNull(config, "config must not be null");
    this.isKey = isKey;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.parse(configs, isKey);
    this.registry = SchemaRegistryClients.forConfig(config);
    this.isKey = isKey;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroSerializer used before configure()");
    }
    Schema schema = data.getSchema();
    TopicSchema key = new TopicSchema(topic, schema);
    Integer id = idCache.get(key);
    if (id == null) {
      // Not computeIfAbsent: the registry call must not hold a map lock.
      id = schemaId(topic, schema);
      idCache.put(key, id);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(MAGIC_BYTE);
      out.write(ByteBuffer.allocate(4).putInt(id).array());
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writers.computeIfAbsent(schema, SpecificDatumWriter<T>::new).write(data, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "topic " + topic + ": cannot write " + schema.getFullName() + ": " + e.getMessage(), e);
    }
  }

  private int schemaId(String topic, Schema schema) {
    String subject = config.subjectStrategy().subject(topic, isKey, schema);
    try {
      if (config.autoRegister()) {
        return registry.register(subject, schema);
      }
      if (config.useLatestVersion()) {
        return registry.latest(subject).id();
      }
      return registry.lookup(subject, schema);
    } catch (SchemaRegistryException e) {
      String hint = e.isNotFound() && !config.autoRegister()
          ? " (auto.register.schemas=false: register the schema first)" : "";
      throw new SerializationException("topic " + topic + ": cannot get a schema id for "
          + schema.getFullName() + " under subject '" + subject + "'" + hint + ": " + e.getMessage(), e);
    }
  }
}
