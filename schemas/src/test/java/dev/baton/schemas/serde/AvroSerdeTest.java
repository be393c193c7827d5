package dev.baton.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.schemas.Samples;
import dev.baton.schemas.Topic;
import dev.baton.schemas.Topics;
import dev.baton.schemas.registry.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static final String SCOPE = "avro-serde-test";
  private static final Map<String, String> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.drop(SCOPE);
  }

  @SuppressWarnings("unchecked")
  private static Serde<SpecificRecord> valueSerde(Topic<String, ? extends SpecificRecord> topic, Map<String, ?> cfg) {
    return (Serde<SpecificRecord>) (Serde<?>) topic.valueSerde(cfg);
  }

  @Test
  void roundTrip_everyEventType_isEqual_andFramedWithRegisteredId() {
    Samples.perTopic().forEach((topic, value) -> {
      Serde<SpecificRecord> serde = valueSerde(topic, CONFIG);
      byte[] bytes = serde.serializer().serialize(topic.name(), value);
      int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
      assertThat(bytes[0]).isZero();
      assertThat(InMemorySchemaRegistry.scope(SCOPE).lookup(topic.name() + "-value", value.getSchema()))
          .as(topic.name()).isEqualTo(id);
      assertThat(serde.deserializer().deserialize(topic.name(), bytes)).as(topic.name()).isEqualTo(value);
    });
  }

  @Test
  void roundTrip_heartbeatWithNullOptionalFields_isEqual() {
    Serde<RolloutStatus> serde = Topics.ROLLOUT_STATUS.valueSerde(CONFIG);
    byte[] bytes = serde.serializer().serialize(Topics.ROLLOUT_STATUS.name(), Samples.heartbeat());
    RolloutStatus back = serde.deserializer().deserialize(Topics.ROLLOUT_STATUS.name(), bytes);
    assertThat(back).isEqualTo(Samples.heartbeat());
    assertThat(back.getState()).isEqualTo(RolloutState.HEARTBEAT);
    assertThat(back.getCertificateId()).isNull();
  }

  @Test
  void tombstone_nullValue_serializesAndDeserializesToNull() {
    Serde<GeoPolicy> serde = Topics.POLICY.valueSerde(CONFIG);
    assertThat(serde.serializer().serialize(Topics.POLICY.name(), null)).isNull();
    assertThat(serde.deserializer().deserialize(Topics.POLICY.name(), null)).isNull();
  }

  @Test
  void serializer_withoutAutoRegister_andUnregisteredSchema_saysToRegisterFirst() {
    Serde<GeoPolicy> serde = Topics.POLICY.valueSerde(Map.of(
        SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE, SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"));
    assertThatThrownBy(() -> serde.serializer().serialize(Topics.POLICY.name(), Samples.geoPolicy()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic baton.policy: cannot get a schema id for dev.baton.avro.v1.GeoPolicy")
        .hasMessageContaining("under subject 'baton.policy-value'")
        .hasMessageContaining("register the schema first");
  }

  @Test
  void serializer_useLatestVersion_writesTheLatestRegisteredId() {
    int id = InMemorySchemaRegistry.scope(SCOPE).register("baton.policy-value", GeoPolicy.getClassSchema());
    Serde<GeoPolicy> serde = Topics.POLICY.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
        SerdeConfig.AUTO_REGISTER_SCHEMAS, "false", SerdeConfig.USE_LATEST_VERSION, "true"));
    byte[] bytes = serde.serializer().serialize(Topics.POLICY.name(), Samples.geoPolicy());
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
  }

  @Test
  void recordNameStrategy_registersUnderTheRecordFullName() {
    Serde<GeoPolicy> serde = Topics.POLICY.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
        SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy"));
    serde.serializer().serialize(Topics.POLICY.name(), Samples.geoPolicy());
    assertThat(InMemorySchemaRegistry.scope(SCOPE).latest("dev.baton.avro.v1.GeoPolicy").schema())
        .isEqualTo(GeoPolicy.getClassSchema());
  }

  @Test
  void serdeConfig_toString_masksSecrets() {
    SerdeConfig c = SerdeConfig.parse(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "https://u:pw1@reg:8081",
        "basic.auth.user.info", "u:pw2", "schema.registry.ssl.truststore.password", "pw3"), false);
    assertThat(c.toString()).doesNotContain("pw1").doesNotContain("pw2").doesNotContain("pw3").contains("reg:8081");
  }

  @Test
  void serdeConfig_missingUrl_namesTheKey() {
    assertThatThrownBy(() -> SerdeConfig.parse(Map.of(), false))
        .hasMessageContaining("schema.registry.url is required");
  }
}
