package dev.baton.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.RejectReason;
import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.avro.v1.SealedKey;
import dev.baton.schemas.Topic;
import dev.baton.schemas.Topics;
import dev.baton.schemas.registry.InMemorySchemaRegistry;
import dev.baton.schemas.serde.SerdeConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TailFormatterTest {

  private static final String SCOPE = "tail-formatter-test";
  private static final Map<String, String> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.ofEpochMilli(1_767_225_600_000L);

  @AfterEach
  void drop() {
    InMemorySchemaRegistry.drop(SCOPE);
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic, String key, byte[] value, RecordHeaders headers) {
    return new ConsumerRecord<>(topic, 2, 41L, T.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
  }

  private static JsonNode line(Topic<?, ?> topic, ConsumerRecord<byte[], byte[]> r) throws Exception {
    String text = new TailFormatter(topic, CONFIG).format(r);
    assertThat(text).doesNotContain("\n");
    return JSON.readTree(text);
  }

  private static CredentialIssued credential() {
    return CredentialIssued.newBuilder().setCertificateId("www").setRegion("eu").setSerial("ab")
        .setCertificateChain(List.of(ByteBuffer.wrap(new byte[] {1, 2})))
        .setDelegatedCredential(ByteBuffer.wrap(new byte[] {3}))
        .setSealedKey(SealedKey.newBuilder().setKemId(32).setKdfId(1).setAeadId(1).setRegionKeyId("rk")
            .setEncapsulatedKey(ByteBuffer.wrap(new byte[] {4})).setCiphertext(ByteBuffer.wrap(new byte[] {5})).build())
        .setIssuedAt(T).setExpiresAt(T.plusSeconds(60)).setIssuerId("i1").build();
  }

  @Test
  void avroValue_isPrintedAsAvroJson_withKeyPartitionOffsetTimestamp() throws Exception {
    Topic<String, CredentialIssued> topic = Topics.region("eu");
    byte[] value = topic.valueSerde(CONFIG).serializer().serialize(topic.name(), credential());
    JsonNode line = line(topic, record(topic.name(), "www", value, new RecordHeaders()));
    assertThat(line.get("topic").asText()).isEqualTo("baton.region.eu");
    assertThat(line.get("key").asText()).isEqualTo("www");
    assertThat(line.get("partition").asInt()).isEqualTo(2);
    assertThat(line.get("offset").asLong()).isEqualTo(41L);
    assertThat(line.get("timestamp").asLong()).isEqualTo(T.toEpochMilli());
    assertThat(line.at("/value/certificateId").asText()).isEqualTo("www");
    assertThat(line.at("/value/sealedKey/regionKeyId").asText()).isEqualTo("rk");
    assertThat(line.at("/value/issuedAt").asLong()).isEqualTo(T.toEpochMilli());
    assertThat(line.has("error")).isFalse();
  }

  @Test
  void unionFields_useAvroJsonUnionEncoding() throws Exception {
    RolloutStatus s = RolloutStatus.newBuilder().setDatacenter("fra1").setRegion("eu").setState(RolloutState.REJECTED)
        .setCertificateId("www").setReasonCode(RejectReason.EXPIRED).setAgentTime(T).build();
    byte[] value = Topics.ROLLOUT_STATUS.valueSerde(CONFIG).serializer().serialize(Topics.ROLLOUT_STATUS.name(), s);
    JsonNode line = line(Topics.ROLLOUT_STATUS, record(Topics.ROLLOUT_STATUS.name(), "fra1/www", value, new RecordHeaders()));
    assertThat(line.at("/value/state").asText()).isEqualTo("REJECTED");
    assertThat(line.at("/value/certificateId/string").asText()).isEqualTo("www");
    assertThat(line.at("/value/reasonCode/dev.baton.avro.v1.RejectReason").asText()).isEqualTo("EXPIRED");
    assertThat(line.at("/value/serial").isNull()).isTrue();
  }

  @Test
  void tombstone_isPrintedWithNullValue() throws Exception {
    JsonNode line = line(Topics.region("eu"), record("baton.region.eu", "www", null, new RecordHeaders()));
    assertThat(line.get("value").isNull()).isTrue();
    assertThat(line.get("key").asText()).isEqualTo("www");
    assertThat(line.has("error")).isFalse();
  }

  @Test
  void poisonRecord_becomesAnErrorLineWithTheReason() throws Exception {
    byte[] poison = "not avro".getBytes(StandardCharsets.UTF_8);
    JsonNode line = line(Topics.POLICY, record(Topics.POLICY.name(), "www", poison, new RecordHeaders()));
    assertThat(line.get("error").asText()).isEqualTo(
        "cannot decode: topic baton.policy: unknown magic byte 110 (expected 0, the Confluent wire format)");
    assertThat(line.get("offset").asLong()).isEqualTo(41L);
    assertThat(line.has("value")).isFalse();
  }

  @Test
  void unknownSchemaId_becomesAnErrorLine() throws Exception {
    byte[] bytes = {0, 0, 0, 0x7f, 0x7f, 2};
    JsonNode line = line(Topics.POLICY, record(Topics.POLICY.name(), "www", bytes, new RecordHeaders()));
    assertThat(line.get("error").asText()).startsWith("cannot decode: topic baton.policy: unknown schema id 32639");
  }

  @Test
  void dlqRecord_showsBase64BytesAndHeaders() throws Exception {
    RecordHeaders headers = new RecordHeaders();
    headers.add(Topics.DLQ_HEADER_REASON, "MALFORMED".getBytes(StandardCharsets.UTF_8));
    JsonNode line = line(Topics.DLQ, record(Topics.DLQ.name(), "k", new byte[] {1, 2, 3}, headers));
    assertThat(line.at("/value/base64").asText()).isEqualTo("AQID");
    assertThat(line.at("/key/base64").asText()).isEqualTo("aw==");
    assertThat(line.at("/headers/" + Topics.DLQ_HEADER_REASON).asText()).isEqualTo("MALFORMED");
  }
}
