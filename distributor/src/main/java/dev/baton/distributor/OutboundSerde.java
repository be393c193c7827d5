package dev.baton.distributor;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.schemas.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** How an {@link Outbound} is written: which topic, which bytes. */
final class OutboundSerde {

  private OutboundSerde() {}

  /**
   * Values for the outbound sink: a region credential in the region topic's own subject, null for a
   * tombstone, a dead letter exactly as its input topic encodes it (subject
   * {@code baton.credentials.issued-value}, so {@code baton.dlq} never gets a schema of its own).
   */
  static Serde<Outbound> serde(Serializer<CredentialIssued> credentials) {
    requireNonNull(credentials, "credentials must not be null");
    Serializer<Outbound> serializer = (topic, out) -> {
      if (out instanceof Outbound.ToRegion r) {
        return r.credential() == null ? null : credentials.serialize(topic, r.credential());
      }
      if (out instanceof Outbound.ToDeadLetters d) {
        return credentials.serialize(Topics.CREDENTIALS_ISSUED.name(), d.credential());
      }
      throw new SerializationException("no encoding for " + out);
    };
    Deserializer<Outbound> deserializer = (topic, bytes) -> {
      throw new UnsupportedOperationException("outbound records are written, never read back");
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  /**
   * Picks the topic of each outbound record, making sure a region topic exists before the first
   * record goes there (clusters usually refuse to auto-create topics for producers).
   */
  static TopicNameExtractor<String, Outbound> topics(RegionTopics regionTopics) {
    requireNonNull(regionTopics, "regionTopics must not be null");
    return (String key, Outbound out, RecordContext context) -> {
      if (out instanceof Outbound.ToRegion r) {
        regionTopics.ensure(r.region());
      }
      return out.topic();
    };
  }
}
