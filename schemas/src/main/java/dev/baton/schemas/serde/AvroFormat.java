package dev.baton.schemas.serde;

import dev.baton.schemas.Topic;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The Avro {@link Topic.Format} of one SpecificRecord class. */
public final class AvroFormat {
  private AvroFormat() {}

  /** Values (or keys) of this record class, in the Confluent wire format. */
  public static <T extends SpecificRecord> Topic.Format<T> of(Class<T> type) {
    return (Map<String, ?> cfg, boolean isKey) -> serde(type, cfg, isKey);
  }

  /** A configured serde for a record class. */
  public static <T extends SpecificRecord> Serde<T> serde(Class<T> type, Map<String, ?> cfg, boolean isKey) {
    AvroSerializer<T> serializer = new AvroSerializer<>();
    serializer.configure(cfg, isKey);
    AvroDeserializer<T> deserializer = new AvroDeserializer<>(type);
    deserializer.configure(cfg, isKey);
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
