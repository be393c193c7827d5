package dev.baton.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.avro.v1.GeoPolicy;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Samples;
import dev.baton.schemas.Topic;
import dev.baton.schemas.Topics;
import dev.baton.schemas.registry.HttpSchemaRegistryClient;
import dev.baton.schemas.registry.RegisteredSchema;
import dev.baton.schemas.serde.SerdeConfig;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every event type through the real (embedded) registry, and every registry call Baton makes. */
@ExtendWith(EmbeddedStackExtension.class)
class RegistryRoundTripIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @SuppressWarnings("unchecked")
  private static Serde<SpecificRecord> valueSerde(Topic<String, ? extends SpecificRecord> topic, Map<String, ?> cfg) {
    return (Serde<SpecificRecord>) (Serde<?>) topic.valueSerde(cfg);
  }

  @Test
  void everyEventType_roundTripsThroughTheRegistry_underTopicNameSubjects(EmbeddedStack stack) {
    Map<String, String> cfg = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    HttpSchemaRegistryClient client = HttpSchemaRegistryClient.create(List.of(stack.schemaRegistryUrl()), Map.of());
    Samples.perTopic().forEach((topic, value) -> {
      String name = "it-" + run + "." + topic.name();
      Serde<SpecificRecord> serde = valueSerde(topic, cfg);
      byte[] bytes = serde.serializer().serialize(name, value);
      int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
      RegisteredSchema latest = client.latest(name + "-value");
      assertThat(latest.id()).as(name).isEqualTo(id);
      assertThat(latest.schema()).as(name).isEqualTo(value.getSchema());
      assertThat(client.byId(id)).isEqualTo(value.getSchema());
      assertThat(serde.deserializer().deserialize(name, bytes)).as(name).isEqualTo(value);
    });
  }

  @Test
  void registerIsIdempotent_andLookupFindsTheSameId(EmbeddedStack stack) {
    String subject = "it-" + run + ".idempotent-value";
    HttpSchemaRegistryClient first = HttpSchemaRegistryClient.create(List.of(stack.schemaRegistryUrl()), Map.of());
    HttpSchemaRegistryClient second = HttpSchemaRegistryClient.create(List.of(stack.schemaRegistryUrl()), Map.of());
    int id = first.register(subject, GeoPolicy.getClassSchema());
    assertThat(second.register(subject, GeoPolicy.getClassSchema())).isEqualTo(id);
    assertThat(second.lookup(subject, GeoPolicy.getClassSchema())).isEqualTo(id);
    assertThat(second.isCompatible(subject, GeoPolicy.getClassSchema())).isTrue();
  }

  @Test
  void lookupOfUnregisteredSchema_isNotFound(EmbeddedStack stack) {
    HttpSchemaRegistryClient client = HttpSchemaRegistryClient.create(List.of(stack.schemaRegistryUrl()), Map.of());
    assertThatThrownBy(() -> client.lookup("it-" + run + ".never-value", GeoPolicy.getClassSchema()))
        .isInstanceOfSatisfying(dev.baton.schemas.registry.SchemaRegistryException.class,
            e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void unknownSchemaId_onTheRealRegistry_isASerializationExceptionNamingTopicAndId(EmbeddedStack stack) {
    Serde<GeoPolicy> serde = Topics.POLICY.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
    byte[] bytes = {0, 0x7f, 0, 0, 1, 2};
    assertThatThrownBy(() -> serde.deserializer().deserialize("it-" + run, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("topic it-" + run + ": unknown schema id 2130706433: the registry has no such schema");
  }
}
