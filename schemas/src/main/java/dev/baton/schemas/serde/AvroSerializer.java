package dev.baton.schemas.serde;

import dev.baton.schemas.registry.SchemaRegistryClient;
import dev.baton.schemas.registry.SchemaRegistryClients;
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

  static {
    AvroTrust.ensureInstalled();
  }

  private final Map<String, Integer> idCache = new ConcurrentHashMap<>();
  private SchemaRegistryClient registry;
  private SerdeConfig config;
  private boolean isKey;

  /** For Kafka's reflective construction; call {@link #configure} before use. */
  public AvroSerializer() {}

  /** A serializer using the given registry client (shared, not closed by this serializer). */
  public AvroSerializer(SchemaRegistryClient registry, SerdeConfig config, boolean isKey) {
    this.registry = registry;
    this.config = config;
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
    String subject = config.subjectStrategy().subject(topic, isKey, schema);
    int id;
    try {
      id = idCache.computeIfAbsent(subject + '\0' + schema, k -> schemaId(subject, schema));
    } catch (RuntimeException e) {
      throw new SerializationException(
          "cannot get a schema id for subject " + subject + " (topic " + topic + "): " + e.getMessage(), e);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(MAGIC_BYTE);
      out.write(ByteBuffer.allocate(4).putInt(id).array());
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<T>(schema).write(data, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot write " + schema.getFullName() + " for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  private int schemaId(String subject, Schema schema) {
    if (config.autoRegister()) {
      return registry.register(subject, schema);
    }
    if (config.useLatestVersion()) {
      return registry.latest(subject).id();
    }
    return registry.lookup(subject, schema);
  }
}
