package dev.baton.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.SealedKey;
import dev.baton.cli.BatonCommand;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Topic;
import dev.baton.schemas.Topics;
import dev.baton.schemas.serde.SerdeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(EmbeddedStackExtension.class)
class TailCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static CredentialIssued credential(String certificateId) {
    Instant t = Instant.ofEpochMilli(1_767_225_600_000L);
    return CredentialIssued.newBuilder().setCertificateId(certificateId).setRegion("eu").setSerial("ab")
        .setCertificateChain(List.of(ByteBuffer.wrap(new byte[] {1})))
        .setDelegatedCredential(ByteBuffer.wrap(new byte[] {2}))
        .setSealedKey(SealedKey.newBuilder().setKemId(32).setKdfId(1).setAeadId(1).setRegionKeyId("rk")
            .setEncapsulatedKey(ByteBuffer.wrap(new byte[] {3})).setCiphertext(ByteBuffer.wrap(new byte[] {4})).build())
        .setIssuedAt(t).setExpiresAt(t.plusSeconds(60)).setIssuerId("i1").build();
  }

  @Test
  void tail_fromBeginning_printsRecordsTombstonesAndPoisonAsJsonLines_andStopsAtMax(EmbeddedStack stack)
      throws Exception {
    String region = "it-" + UUID.randomUUID().toString().substring(0, 8);
    Topic<String, CredentialIssued> topic = Topics.region(region);
    stack.kafka().admin().createTopics(List.of(topic.newTopic((short) 1))).all().get();
    byte[] good = topic.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()))
        .serializer().serialize(topic.name(), credential("www"));
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      // One partition per key would spread them; a fixed partition keeps the order checkable.
      producer.send(new ProducerRecord<>(topic.name(), 0, "www", good)).get();
      producer.send(new ProducerRecord<>(topic.name(), 0, "bad", "junk-bytes".getBytes(StandardCharsets.UTF_8))).get();
      producer.send(new ProducerRecord<>(topic.name(), 0, "www", (byte[]) null)).get();
      producer.send(new ProducerRecord<>(topic.name(), 0, "later", good)).get();
    }

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = BatonCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("tail", topic.name(), "--from-beginning", "--max", "3",
        "--bootstrap-server", stack.bootstrapServers(), "--schema-registry", stack.schemaRegistryUrl());

    assertThat(code).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(3);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("key").asText()).isEqualTo("www");
    assertThat(first.get("offset").asLong()).isZero();
    assertThat(first.at("/value/certificateId").asText()).isEqualTo("www");
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(second.get("offset").asLong()).isEqualTo(1L);
    assertThat(second.get("error").asText()).contains("topic " + topic.name()).contains("unknown magic byte 106");
    JsonNode third = JSON.readTree(lines.get(2));
    assertThat(third.get("value").isNull()).isTrue();
    assertThat(third.get("offset").asLong()).isEqualTo(2L);
  }

  @Test
  void tail_missingTopic_saysSoAndFails(EmbeddedStack stack) {
    StringWriter err = new StringWriter();
    CommandLine cli = BatonCommand.newCommandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    String name = Topics.region("absent-" + UUID.randomUUID().toString().substring(0, 8)).name();
    int code = cli.execute("tail", name, "--timeout-ms", "1000",
        "--bootstrap-server", stack.bootstrapServers(), "--schema-registry", stack.schemaRegistryUrl(),
        "-X", "allow.auto.create.topics=false");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("topic " + name + " does not exist");
  }
}
