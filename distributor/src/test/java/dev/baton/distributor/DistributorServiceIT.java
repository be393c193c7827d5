package dev.baton.distributor;

import static dev.baton.distributor.Credentials.credential;
import static dev.baton.distributor.Credentials.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Topics;
import dev.baton.service.ConfigSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributor embedded in process, as the demo runs it: management endpoints, a region first
 * seen in data gets a compacted topic before its first record, and a malformed policy becomes a
 * committed dead letter under exactly_once_v2.
 */
@ExtendWith(EmbeddedStackExtension.class)
class DistributorServiceIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path stateDir;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void newRegionInData_getsCompactedTopic_metricsAndReadinessServed_malformedPolicyDeadLettered(EmbeddedStack stack)
      throws Exception {
    String region = "zz-" + run;
    String certificate = "svc-" + run;
    Map<String, String> settings = new HashMap<>(Map.of(
        "bootstrap.servers", stack.bootstrapServers(),
        "schema.registry.url", stack.schemaRegistryUrl(),
        "management.port", "0",
        DistributorConfig.APPLICATION_ID, "distributor-svc-it-" + run,
        DistributorConfig.PARTITIONS, "1",
        "kafka.state.dir", stateDir.toString(),
        "kafka.commit.interval.ms", "100",
        // Only this test's records: other ITs of the run share the input topics.
        "kafka.auto.offset.reset", "latest"));
    try (Distributor distributor = new Distributor(DistributorConfig.from(ConfigSource.of(settings))).start();
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", stack.bootstrapServers()), new StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      await(distributor::isRunning, "distributor RUNNING");
      assertThat(get(distributor, "/ready").statusCode()).isEqualTo(200);
      assertThat(get(distributor, "/healthy").statusCode()).isEqualTo(200);

      Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
      Serializer<GeoPolicy> policies = Topics.POLICY.valueSerde(serde).serializer();
      Serializer<CredentialIssued> credentials = Topics.CREDENTIALS_ISSUED.valueSerde(serde).serializer();
      GeoPolicy allowNewRegion = policy(certificate, 1, region);
      producer.send(new ProducerRecord<>(Topics.POLICY.name(), certificate,
          policies.serialize(Topics.POLICY.name(), allowNewRegion)));
      // Key names another certificate than the value: malformed, dead-lettered, not applied.
      producer.send(new ProducerRecord<>(Topics.POLICY.name(), "other-" + run,
          policies.serialize(Topics.POLICY.name(), policy(certificate, 2))));
      CredentialIssued c = credential(certificate, region, Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(7));
      producer.send(new ProducerRecord<>(Topics.CREDENTIALS_ISSUED.name(), Topics.credentialKey(certificate, region),
          credentials.serialize(Topics.CREDENTIALS_ISSUED.name(), c)));
      producer.flush();

      List<ConsumerRecord<String, byte[]>> routed = readUntil(stack, Topics.region(region).name(), 1);
      assertThat(routed).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(certificate));
      assertThat(cleanupPolicy(stack.kafka().admin(), Topics.region(region).name())).isEqualTo("compact");

      List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
      await(() -> {
        letters.clear();
        try (KafkaConsumer<String, byte[]> consumer =
            DistributorIT.consumer(stack.bootstrapServers(), new ByteArrayDeserializer())) {
          DistributorIT.readAll(consumer, List.of(Topics.DLQ.name()), r -> {
            if (("other-" + run).equals(r.key())) {
              letters.add(r);
            }
          });
        }
        return !letters.isEmpty();
      }, "dead letter of the malformed policy");
      assertThat(new String(letters.get(0).headers().lastHeader(Topics.DLQ_HEADER_REASON).value(),
          StandardCharsets.UTF_8)).isEqualTo("malformed");
      assertThat(new String(letters.get(0).headers().lastHeader(Topics.DLQ_HEADER_SOURCE_TOPIC).value(),
          StandardCharsets.UTF_8)).isEqualTo(Topics.POLICY.name());

      String metrics = get(distributor, "/metrics").body();
      assertThat(metrics)
          .contains("baton_distributor_routed_total{region=\"" + region + "\"} 1.0")
          .contains("baton_distributor_dlq_total{reason=\"malformed\"} 1.0")
          .contains("kafka_stream_thread_");
    }
  }

  private HttpResponse<String> get(Distributor distributor, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + distributor.managementPort() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cleanupPolicy(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.get("cleanup.policy").value();
  }

  private static List<ConsumerRecord<String, byte[]>> readUntil(EmbeddedStack stack, String topic, int n) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    await(() -> {
      records.clear();
      try (KafkaConsumer<String, byte[]> consumer =
          DistributorIT.consumer(stack.bootstrapServers(), new ByteArrayDeserializer())) {
        if (consumer.listTopics().containsKey(topic)) {
          DistributorIT.readAll(consumer, List.of(topic), records::add);
        }
      }
      return records.size() >= n;
    }, n + " records on " + topic);
    return records;
  }

  private static void await(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
