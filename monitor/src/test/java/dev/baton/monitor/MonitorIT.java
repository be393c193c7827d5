package dev.baton.monitor;

import static dev.baton.monitor.Events.heartbeat;
import static dev.baton.monitor.Events.installed;
import static dev.baton.monitor.Events.issued;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Topics;
import dev.baton.service.ConfigSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The monitor on the real broker and registry: events in, lag and coverage out of its HTTP API. */
@ExtendWith(EmbeddedStackExtension.class)
class MonitorIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final EmbeddedStack stack;
  // Unique names: the broker and its fixed topics are shared by every IT of the run.
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String region = "it-" + id;
  private final String cert = "www-" + id;
  private final String fra1 = "fra1-" + id;
  private final String ams1 = "ams1-" + id;

  @TempDir
  Path stateDirs;

  MonitorIT(EmbeddedStack stack) {
    this.stack = stack;
  }

  private MonitorConfig config(String stateDir) {
    return MonitorConfig.from(ConfigSource.of(Map.of(
        "bootstrap.servers", stack.bootstrapServers(),
        "schema.registry.url", stack.schemaRegistryUrl(),
        "application.id", "monitor-it-" + id,
        "management.port", "0",
        "kafka.state.dir", stateDirs.resolve(stateDir).toString(),
        "kafka.commit.interval.ms", "200")));
  }

  @Test
  void issuedAndStatusEvents_showAsLagAndCoverage_inTheApiAndMetrics_poisonIsSkipped_andStateSurvivesARestart() throws Exception {
    Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = issuedAt.plus(Duration.ofHours(6));
    try (Monitor monitor = new Monitor(config("first")).start()) {
      int port = monitor.managementPort();
      await(() -> get(port, "/ready").statusCode() == 200, "monitor ready");

      Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
      try (KafkaProducer<String, CredentialIssued> issuedProducer = producer(Topics.CREDENTIALS_ISSUED
              .valueSerde(serde).serializer());
          KafkaProducer<String, RolloutStatus> statusProducer = producer(Topics.ROLLOUT_STATUS
              .valueSerde(serde).serializer());
          KafkaProducer<String, byte[]> rawProducer = producer(Serdes.ByteArray().serializer())) {
        // A poison record first: the monitor dead-letters it and goes on with the good ones.
        rawProducer.send(new ProducerRecord<>(Topics.ROLLOUT_STATUS.name(), fra1, new byte[] {0, 0, 0})).get();
        issuedProducer.send(new ProducerRecord<>(Topics.CREDENTIALS_ISSUED.name(),
            Topics.credentialKey(cert, region), issued(cert, region, "s1", issuedAt, expiresAt))).get();
        for (String dc : new String[] {fra1, ams1}) {
          statusProducer.send(new ProducerRecord<>(Topics.ROLLOUT_STATUS.name(), dc,
              heartbeat(dc, region, Instant.now(), 0, null))).get();
        }
        statusProducer.send(new ProducerRecord<>(Topics.ROLLOUT_STATUS.name(), Topics.statusKey(fra1, cert),
            installed(fra1, region, cert, "s1", issuedAt, issuedAt.plusMillis(1500), expiresAt))).get();
      }

      JsonObject dc = awaitJson(port, "/datacenters/" + fra1, j -> j.getValue("lastLagSeconds") != null);
      awaitJson(port, "/datacenters/" + ams1, j -> true); // its heartbeat may sit on another partition
      assertThat(dc.getDouble("lastLagSeconds")).isEqualTo(1.5);
      assertThat(dc.getString("earliestExpiry")).isEqualTo(expiresAt.toString());
      assertThat(dc.getJsonArray("credentials")).hasSize(1);
      JsonArray rollouts = new JsonArray(get(port, "/rollouts?certificate=" + cert).body());
      assertThat(rollouts).hasSize(1);
      assertThat(rollouts.getJsonObject(0).getDouble("coverage")).isEqualTo(0.5);
      assertThat(rollouts.getJsonObject(0).getJsonArray("installedBy").encode()).isEqualTo("[\"" + fra1 + "\"]");

      String metrics = get(port, "/metrics").body();
      assertThat(metrics)
          .contains("baton_monitor_rollout_lag_seconds{datacenter=\"" + fra1 + "\",region=\"" + region + "\"} 1.5")
          .contains("baton_monitor_rollout_coverage_ratio{region=\"" + region + "\"} 0.5")
          .contains("baton_monitor_dead_letters_total{reason=\"UNREADABLE\",topic=\"baton.rollout.status\"} 1.0")
          .contains("baton_monitor_credential_earliest_expiry_seconds{datacenter=\"" + fra1 + "\",region=\""
              + region + "\"} " + (double) expiresAt.getEpochSecond());
    }

    // A second instance on an empty state directory restores the facts store from its changelog.
    try (Monitor restarted = new Monitor(config("second")).start()) {
      JsonObject dc = awaitJson(restarted.managementPort(), "/datacenters/" + fra1,
          j -> j.getValue("lastLagSeconds") != null);
      assertThat(dc.getDouble("lastLagSeconds")).isEqualTo(1.5);
      // Each stream task restores its own partitions, so wait until ams1's heartbeat is back too:
      // until then the region has one known datacenter and coverage reads 1/1.
      awaitJson(restarted.managementPort(), "/datacenters/" + ams1, j -> true);
      assertThat(restarted.tracker().rollouts()).filteredOn(r -> r.certificateId().equals(cert))
          .singleElement().satisfies(r -> assertThat(r.coverage()).isEqualTo(0.5));
    }
  }

  private <V> KafkaProducer<String, V> producer(org.apache.kafka.common.serialization.Serializer<V> values) {
    return new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
        Serdes.String().serializer(), values);
  }

  private static JsonObject awaitJson(int port, String path, Predicate<JsonObject> done) throws Exception {
    JsonObject[] last = new JsonObject[1];
    await(() -> {
      HttpResponse<String> r = get(port, path);
      if (r.statusCode() != 200) {
        return false;
      }
      last[0] = new JsonObject(r.body());
      return done.test(last[0]);
    }, path);
    return last[0];
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @FunctionalInterface
  private interface Check {
    boolean ok() throws Exception;
  }

  /** Polls until the check passes; fails (naming what) after a generous bound, never asserting speed. */
  private static void await(Check check, String what) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (!check.ok()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
