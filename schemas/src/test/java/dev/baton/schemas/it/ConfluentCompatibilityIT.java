package dev.baton.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Samples;
import dev.baton.schemas.Topic;
import dev.baton.schemas.Topics;
import dev.baton.schemas.serde.SerdeConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Byte compatibility with Confluent's own serializer: Debian's python3-confluent-kafka
 * ({@code confluent_kafka.avro}, run with the system /usr/bin/python3) against the same registry.
 * For the same schema id the bytes are identical, and each side decodes the other's. Fails (never
 * skips) when the Python side is missing: CI installs it.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ConfluentCompatibilityIT {

  private static final String PYTHON = "/usr/bin/python3";
  private static final Path SCRIPT = Path.of(System.getProperty("basedir", "."), "src/test/python/confluent_compat.py");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private record Sent(String topic, SpecificRecord value, Serde<SpecificRecord> serde, byte[] bytes) {}

  @SuppressWarnings("unchecked")
  private static Serde<SpecificRecord> valueSerde(Topic<String, ? extends SpecificRecord> topic, Map<String, ?> cfg) {
    return (Serde<SpecificRecord>) (Serde<?>) topic.valueSerde(cfg);
  }

  @Test
  void confluentSerializer_producesIdenticalBytes_andEachSideDecodesTheOther(EmbeddedStack stack) throws Exception {
    Map<String, String> cfg = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    List<Sent> sent = new ArrayList<>();
    ObjectNode request = JSON.createObjectNode().put("registry", stack.schemaRegistryUrl());
    ArrayNode messages = request.putArray("messages");
    Samples.perTopic().forEach((topic, value) -> add(sent, messages, "it-" + run + "." + topic.name(), value,
        valueSerde(topic, cfg)));
    add(sent, messages, "it-" + run + ".heartbeat", Samples.heartbeat(), valueSerde(Topics.ROLLOUT_STATUS, cfg));
    Serde<GeoPolicy> policySerde = Topics.POLICY.valueSerde(cfg);
    byte[] javaNative = policySerde.serializer().serialize("it-" + run + ".native", nativePolicy());
    request.put("native_geo_policy_schema_id", ByteBuffer.wrap(javaNative, 1, 4).getInt());

    JsonNode answer = runPython(request);

    for (int i = 0; i < sent.size(); i++) {
      Sent s = sent.get(i);
      JsonNode a = answer.get("messages").get(i);
      assertThat(a.get("same_id_hex").asText()).as("Confluent bytes for " + s.topic())
          .isEqualTo(HEX.formatHex(s.bytes()));
      assertDecodedMatches(s.value(), a.get("decoded"), s.topic());
      byte[] confluentOwn = HEX.parseHex(a.get("own_subject_hex").asText());
      assertThat(s.serde().deserializer().deserialize(s.topic() + "-py", confluentOwn)).as(s.topic())
          .isEqualTo(s.value());
    }
    byte[] pythonNative = HEX.parseHex(answer.get("native_geo_policy_hex").asText());
    assertThat(pythonNative).isEqualTo(javaNative);
    assertThat(policySerde.deserializer().deserialize("it-" + run + ".native", pythonNative)).isEqualTo(nativePolicy());
  }

  /** The record the Python script builds from literals. */
  private static GeoPolicy nativePolicy() {
    return GeoPolicy.newBuilder().setCertificateId("py-cert").setRegions(List.of("eu", "fips-tier1")).setVersion(42)
        .setUpdatedAt(Instant.parse("2026-01-02T03:04:05.678Z")).build();
  }

  private static void add(List<Sent> sent, ArrayNode messages, String topic, SpecificRecord value,
      Serde<SpecificRecord> serde) {
    byte[] bytes = serde.serializer().serialize(topic, value);
    sent.add(new Sent(topic, value, serde, bytes));
    messages.addObject().put("topic", topic).put("hex", HEX.formatHex(bytes));
  }

  /** Every scalar field Confluent decoded equals the Java value (strings, numbers, timestamps, bytes, enums). */
  private static void assertDecodedMatches(SpecificRecord value, JsonNode decoded, String where) {
    for (Schema.Field f : value.getSchema().getFields()) {
      Object v = value.get(f.pos());
      JsonNode d = decoded.get(f.name());
      String what = where + "." + f.name();
      if (v == null) {
        assertThat(d.isNull()).as(what).isTrue();
      } else if (v instanceof CharSequence || v instanceof Enum<?>) {
        assertThat(d.asText()).as(what).isEqualTo(v.toString());
      } else if (v instanceof Instant t) {
        assertThat(d.asLong()).as(what).isEqualTo(t.toEpochMilli());
      } else if (v instanceof Integer || v instanceof Long) {
        assertThat(d.asLong()).as(what).isEqualTo(((Number) v).longValue());
      } else if (v instanceof ByteBuffer b) {
        assertThat(d.asText()).as(what).isEqualTo(HEX.formatHex(bytesOf(b)));
      } else if (v instanceof SpecificRecord r) {
        assertDecodedMatches(r, d, what);
      } else if (v instanceof List<?> list) {
        assertThat(d.size()).as(what).isEqualTo(list.size());
      }
    }
  }

  private static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static JsonNode runPython(JsonNode request) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      fail(PYTHON + " is missing: apt-get install python3 python3-confluent-kafka python3-avro python3-requests");
    }
    assertThat(SCRIPT).as("the Confluent witness script").isRegularFile();
    Path errFile = Files.createTempFile("confluent-compat", ".stderr");
    ProcessBuilder pb = new ProcessBuilder(PYTHON, SCRIPT.toString()).redirectError(errFile.toFile());
    // The system interpreter with Debian's packages, not whatever a developer's pyenv points at.
    pb.environment().remove("PYTHONPATH");
    pb.environment().remove("PYTHONHOME");
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(JSON.writeValueAsBytes(request));
    }
    byte[] out = p.getInputStream().readAllBytes();
    boolean finished = p.waitFor(60, TimeUnit.SECONDS);
    String err = Files.readString(errFile, StandardCharsets.UTF_8);
    Files.deleteIfExists(errFile);
    if (!finished) {
      p.destroyForcibly();
      fail("the Confluent witness script did not finish within 60 s; stderr: " + err);
    }
    if (p.exitValue() != 0) {
      fail("the Confluent witness script failed (exit " + p.exitValue() + "); is python3-confluent-kafka installed?"
          + " stderr:\n" + err);
    }
    return JSON.readTree(out);
  }
}
