package dev.baton.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.schemas.Samples;
import dev.baton.schemas.Topics;
import dev.baton.schemas.registry.HttpSchemaRegistryClient;
import dev.baton.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad bytes gives a SerializationException naming the topic and the cause. */
class AvroDeserializerTest {

  private static final String SCOPE = "avro-deserializer-test";
  private static final Map<String, String> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);
  private static final String TOPIC = Topics.POLICY.name();

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.drop(SCOPE);
  }

  private static byte[] goodPolicyBytes() {
    return Topics.POLICY.valueSerde(CONFIG).serializer().serialize(TOPIC, Samples.geoPolicy());
  }

  private static GeoPolicy readPolicy(byte[] bytes) {
    return Topics.POLICY.valueSerde(CONFIG).deserializer().deserialize(TOPIC, bytes);
  }

  @Test
  void tooShortForTheHeader_namesTopicAndLength() {
    assertThatThrownBy(() -> readPolicy(new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessage("topic baton.policy: record of 3 byte(s) is too short for the Confluent wire format"
            + " (magic byte, 4-byte schema id, Avro data)");
  }

  @Test
  void wrongMagicByte_namesTopicAndMagic() {
    byte[] bytes = goodPolicyBytes();
    bytes[0] = 7;
    assertThatThrownBy(() -> readPolicy(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessage("topic baton.policy: unknown magic byte 7 (expected 0, the Confluent wire format)");
  }

  @Test
  void plainJsonText_isRefusedOnTheMagicByte() {
    assertThatThrownBy(() -> readPolicy("{\"certificateId\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("topic baton.policy: unknown magic byte 123");
  }

  @Test
  void unknownSchemaId_namesTopicAndId() {
    byte[] bytes = goodPolicyBytes();
    ByteBuffer.wrap(bytes).putInt(1, 9999);
    assertThatThrownBy(() -> readPolicy(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("topic baton.policy: unknown schema id 9999: the registry has no such schema")
        .satisfies(e -> assertThat(AvroDeserializer.isRegistryUnavailable(e)).isFalse());
  }

  @Test
  void truncatedPayload_namesTopicIdAndTruncation() {
    byte[] good = goodPolicyBytes();
    byte[] bytes = Arrays.copyOf(good, good.length - 4);
    assertThatThrownBy(() -> readPolicy(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageMatching("topic baton\\.policy: schema id \\d+: truncated: the \\d+-byte payload ends inside the record");
  }

  @Test
  void headerOnly_isTruncated() {
    byte[] bytes = Arrays.copyOf(goodPolicyBytes(), 5);
    assertThatThrownBy(() -> readPolicy(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageMatching("topic baton\\.policy: schema id \\d+: truncated: the 0-byte payload ends inside the record");
  }

  @Test
  void trailingBytes_namesTopicAndTrailing() {
    byte[] good = goodPolicyBytes();
    byte[] bytes = Arrays.copyOf(good, good.length + 2);
    assertThatThrownBy(() -> readPolicy(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageMatching("topic baton\\.policy: schema id \\d+: trailing bytes: the \\d+-byte payload holds more than one GeoPolicy");
  }

  @Test
  void otherRecordType_isNotReadableAsTheExpectedType() {
    byte[] regionKey = Topics.REGIONS.valueSerde(CONFIG).serializer().serialize(TOPIC, Samples.regionKey());
    assertThatThrownBy(() -> readPolicy(regionKey))
        .isInstanceOf(SerializationException.class)
        .hasMessageMatching("(?s)topic baton\\.policy: schema id \\d+: not readable as dev\\.baton\\.avro\\.v1\\.GeoPolicy: .*RegionKey.*");
  }

  @Test
  void hugeArrayCount_isRefusedWithoutExhaustingMemory() throws IOException {
    // A hostile record claims 2^30 certificates in a few bytes; reading must fail, not allocate.
    byte[] good = Topics.CREDENTIALS_ISSUED.valueSerde(CONFIG).serializer()
        .serialize(Topics.CREDENTIALS_ISSUED.name(), Samples.credentialIssued());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(good, 0, 5);
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    enc.writeString("www-example");
    enc.writeString("eu");
    enc.writeString("0123456789abcdef0123456789abcdef");
    enc.writeArrayStart();
    enc.setItemCount(1L << 30);
    enc.flush();
    byte[] hostile = out.toByteArray();
    assertThatThrownBy(() -> Topics.CREDENTIALS_ISSUED.valueSerde(CONFIG).deserializer()
        .deserialize(Topics.CREDENTIALS_ISSUED.name(), hostile))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("topic baton.credentials.issued: schema id ");
  }

  @Test
  void hugeBytesLength_isRefusedWithoutExhaustingMemory() throws IOException {
    byte[] good = Topics.REGIONS.valueSerde(CONFIG).serializer().serialize(Topics.REGIONS.name(), Samples.regionKey());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(good, 0, 5);
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    enc.writeString("eu");
    enc.writeString("rk");
    enc.writeInt(32);
    enc.writeLong(Integer.MAX_VALUE - 16L); // publicKey length, with no bytes behind it
    enc.flush();
    assertThatThrownBy(() -> Topics.REGIONS.valueSerde(CONFIG).deserializer()
        .deserialize(Topics.REGIONS.name(), out.toByteArray()))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("topic baton.regions: schema id ");
  }

  @Test
  void registryUnreachable_isRetriable_notPoison() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    AvroDeserializer<GeoPolicy> d = new AvroDeserializer<>(GeoPolicy.class, HttpSchemaRegistryClient.create(
        List.of("http://127.0.0.1:" + port), Map.of("max.retries", "0")));
    byte[] bytes = goodPolicyBytes();
    assertThatThrownBy(() -> d.deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("topic baton.policy: cannot fetch writer schema id")
        .hasMessageContaining("(registry unavailable, retriable)")
        .satisfies(e -> assertThat(AvroDeserializer.isRegistryUnavailable(e)).isTrue());
  }

  @Test
  void newerWriterWithUnknownEnumSymbolAndExtraField_readsAsDefaultSymbol() throws IOException {
    // A future agent adds a state and a field; today's reader must still read its records.
    String json = RolloutStatus.getClassSchema().toString()
        .replace("\"HEARTBEAT\"]", "\"HEARTBEAT\",\"QUARANTINED\"]")
        .replace("\"fields\":[", "\"fields\":[{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null},");
    Schema newer = new Schema.Parser().parse(json);
    int id = InMemorySchemaRegistry.scope(SCOPE).register("future-value", newer);
    GenericRecord r = new GenericData.Record(newer);
    for (Schema.Field f : newer.getFields()) {
      r.put(f.name(), null);
    }
    r.put("note", "from the future");
    r.put("datacenter", "fra1");
    r.put("region", "eu");
    r.put("state", new GenericData.EnumSymbol(newer.getField("state").schema(), "QUARANTINED"));
    r.put("agentTime", 1_767_225_600_000L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(newer).write(r, enc);
    enc.flush();

    RolloutStatus read = new AvroDeserializer<>(RolloutStatus.class, InMemorySchemaRegistry.scope(SCOPE))
        .deserialize(Topics.ROLLOUT_STATUS.name(), out.toByteArray());
    assertThat(read.getState()).isEqualTo(RolloutState.UNKNOWN);
    assertThat(read.getDatacenter()).isEqualTo("fra1");
    assertThat(read.getAgentTime()).isEqualTo(java.time.Instant.ofEpochMilli(1_767_225_600_000L));
  }
}
