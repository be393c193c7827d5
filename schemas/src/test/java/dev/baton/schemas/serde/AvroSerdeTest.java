package dev.baton.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.avro.v1.GeoPolicy;
import dev.baton.schemas.Topics;
import dev.baton.schemas.registry.InMemorySchemaRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static final Map<String, String> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://avro-serde-test");

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.drop("avro-serde-test");
  }

  private static GeoPolicy policy() {
    return GeoPolicy.newBuilder()
        .setCertificateId("www")
        .setRegions(List.of("eu", "us"))
        .setVersion(3)
        .setUpdatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .build();
  }

  @Test
  void roundTrip_specificRecord_isEqual() {
    Serde<GeoPolicy> serde = Topics.POLICY.valueSerde(CONFIG);
    byte[] bytes = serde.serializer().serialize(Topics.POLICY.name(), policy());
    assertThat(bytes[0]).isEqualTo((byte) 0);
    assertThat(serde.deserializer().deserialize(Topics.POLICY.name(), bytes)).isEqualTo(policy());
  }

  @Test
  void deserialize_wrongMagicByte_namesTopicAndMagic() {
    Serde<GeoPolicy> serde = Topics.POLICY.valueSerde(CONFIG);
    byte[] bytes = serde.serializer().serialize(Topics.POLICY.name(), policy());
    bytes[0] = 7;
    assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.POLICY.name(), bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(Topics.POLICY.name())
        .hasMessageContaining("magic byte 7");
  }
}
