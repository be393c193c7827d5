package dev.baton.cli.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.avro.v1.IssueRequest;
import dev.baton.cli.BatonCommand;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class IssueNowCommandIT {

  @Test
  void issueNow_writesTheRequestTheIssuerConsumes(EmbeddedStack stack) throws Exception {
    stack.kafka().admin().createTopics(List.of(Topics.ISSUE_REQUESTS.newTopic((short) 1))).all().get();
    String certificate = "www-" + UUID.randomUUID().toString().substring(0, 8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = BatonCommand.newCommandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute("issue-now", "--certificate", certificate, "--region", "eu", "--reason", "suspected compromise",
            "--requested-by", "alice", "--bootstrap-server", stack.bootstrapServers(),
            "--schema-registry", stack.schemaRegistryUrl());

    assertThat(exit).as("stderr: %s", err).isZero();
    assertThat(out.toString()).contains("issue request for " + certificate).contains("region eu");
    IssueRequest req = read(stack, certificate);
    assertThat(req.getRegion()).isEqualTo("eu");
    assertThat(req.getRequestedBy()).isEqualTo("alice");
    assertThat(req.getReason()).isEqualTo("suspected compromise");
  }

  private static IssueRequest read(EmbeddedStack stack, String certificate) {
    Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
    try (KafkaConsumer<String, IssueRequest> consumer = new KafkaConsumer<>(
        Map.of("bootstrap.servers", stack.bootstrapServers()), Topics.ISSUE_REQUESTS.keySerde(serde).deserializer(),
        Topics.ISSUE_REQUESTS.valueSerde(serde).deserializer())) {
      TopicPartition tp = new TopicPartition(Topics.ISSUE_REQUESTS.name(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      List<IssueRequest> found = new ArrayList<>();
      while (consumer.position(tp) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.key().equals(certificate)) {
            found.add(r.value());
          }
        });
      }
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }
}
