package dev.baton.edge;

import static dev.baton.edge.AgentHarness.await;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.RejectReason;
import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.MintedCredential;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The edge agent on a real broker and registry: replay, rejections, tombstones, TLS. */
@ExtendWith(EmbeddedStackExtension.class)
class EdgeAgentIT {

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void newDatacenter_bootstrapsByReplay_andServesFromDiskWhenKafkaIsDown(EmbeddedStack stack, @TempDir Path tmp) throws Exception {
    try (AgentHarness h = new AgentHarness(stack, tmp)) {
      EdgeFixture.Delegation web = h.fx.delegation("web.example.test");
      EdgeFixture.Delegation api = h.fx.delegation("api.example.test");
      CredentialIssued webEvent = h.fx.event("web", h.region, web, h.fx.mint(web, Duration.ofHours(24)), h.regionKey.publicKey());
      CredentialIssued apiEvent = h.fx.event("api", h.region, api, h.fx.mint(api, Duration.ofHours(24)), h.regionKey.publicKey());
      h.send("web", webEvent);
      h.send("api", apiEvent);

      try (EdgeAgent agent = EdgeAgent.start(h.config("fra1", Map.of()))) {
        await("both installed", () -> agent.credentials().size() == 2);
        await("ready", () -> agent.readiness().ready());
        await("INSTALLED statuses", () -> h.statuses("fra1").stream().filter(s -> s.getState() == RolloutState.INSTALLED).count() == 2);
        await("a heartbeat counting 2", () -> h.statuses("fra1").stream()
            .anyMatch(s -> s.getState() == RolloutState.HEARTBEAT && s.getInstalledCount() == 2));

        JsonArray served = new JsonArray(get(agent.managementPort(), "/credentials"));
        assertThat(served).hasSize(2);
        assertThat(served.getJsonObject(1).getString("serial")).isEqualTo(webEvent.getSerial());
        assertThat(served.getJsonObject(1).getString("certificate")).isEqualTo("web");
        String metrics = get(agent.managementPort(), "/metrics");
        assertThat(metrics).contains("baton_edge_installs_total{datacenter=\"fra1\"")
            .contains("baton_edge_earliest_expiry_timestamp_seconds").doesNotContain("certificate=");
      }

      // Kafka unreachable: the agent still serves what its store holds.
      try (EdgeAgent offline = EdgeAgent.start(h.config("fra1", Map.of("bootstrap.servers", "127.0.0.1:1")))) {
        assertThat(offline.credentials().current()).extracting(c -> c.serial())
            .containsExactlyInAnyOrder(webEvent.getSerial(), apiEvent.getSerial());
        assertThat(offline.readiness().ready()).isFalse();
      }
    }
  }

  @Test
  void forgedWrongRegionExpiredAndPoisonRecords_areRejected_thenTheNextGoodRecordInstalls(EmbeddedStack stack, @TempDir Path tmp)
      throws Exception {
    try (AgentHarness h = new AgentHarness(stack, tmp); EdgeAgent agent = EdgeAgent.start(h.config("ams1", Map.of()))) {
      EdgeFixture.Delegation web = h.fx.delegation("web.example.test");

      MintedCredential m = h.fx.mint(web, Duration.ofHours(24));
      byte[] forgedBytes = m.credential().encode();
      forgedBytes[forgedBytes.length - 3] ^= 0x01;
      CredentialIssued forged = h.fx.event("web", h.region, web, m, h.regionKey.publicKey());
      forged.setDelegatedCredential(ByteBuffer.wrap(forgedBytes));
      forged.setSerial(DelegatedCredential.parse(forgedBytes).serial());
      h.send("web", forged);

      h.send("web", h.fx.event("web", h.region, web, h.fx.mint(web, Duration.ofHours(24)), EdgeFixture.regionKey().publicKey()));

      Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), java.time.ZoneOffset.UTC);
      h.send("web", h.fx.event("web", h.region, web, web.mint(past, Duration.ofHours(1)), h.regionKey.publicKey()));

      h.sendRaw("web", "not avro at all".getBytes(US_ASCII));

      CredentialIssued good = h.fx.event("web", h.region, web, h.fx.mint(web, Duration.ofHours(24)), h.regionKey.publicKey());
      h.send("web", good);

      await("good installed", () -> agent.credentials().current("web").isPresent());
      assertThat(agent.credentials().current("web").orElseThrow().serial()).isEqualTo(good.getSerial());
      await("5 statuses", () -> h.statuses("ams1").stream().filter(s -> s.getState() != RolloutState.HEARTBEAT).count() >= 5);
      List<RolloutStatus> outcomes = h.statuses("ams1").stream().filter(s -> s.getState() != RolloutState.HEARTBEAT).toList();
      assertThat(outcomes).as(AgentHarness.describe(outcomes)).extracting(RolloutStatus::getReasonCode).containsExactly(
          RejectReason.INVALID_CREDENTIAL, RejectReason.SEAL_OPEN_FAILED, RejectReason.EXPIRED, RejectReason.MALFORMED, null);
      assertThat(outcomes.get(4).getState()).isEqualTo(RolloutState.INSTALLED);
      try (Stream<Path> files = Files.list(tmp.resolve("store-ams1/web"))) {
        assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dc-")))
            .allMatch(n -> n.contains(good.getSerial()));
      }
    }
  }

  @Test
  void tombstone_purgesTheCertificatesKeysAndReportsRemoved(EmbeddedStack stack, @TempDir Path tmp) throws Exception {
    try (AgentHarness h = new AgentHarness(stack, tmp); EdgeAgent agent = EdgeAgent.start(h.config("par1", Map.of()))) {
      EdgeFixture.Delegation web = h.fx.delegation("web.example.test");
      h.send("web", h.fx.event("web", h.region, web, h.fx.mint(web, Duration.ofHours(24)), h.regionKey.publicKey()));
      await("installed", () -> agent.credentials().current("web").isPresent());
      assertThat(tmp.resolve("store-par1/web")).isDirectory();

      h.send("web", null);
      await("removed", () -> agent.credentials().current("web").isEmpty());
      await("REMOVED status", () -> h.statuses("par1").stream().anyMatch(s -> s.getState() == RolloutState.REMOVED));
      assertThat(tmp.resolve("store-par1/web")).doesNotExist();
      assertThat(new JsonArray(get(agent.managementPort(), "/credentials"))).isEmpty();
    }
  }

  @Test
  void tstclnt_acceptsTheCredentialTheAgentInstalledFromKafka(EmbeddedStack stack, @TempDir Path tmp, TestInfo info) throws Exception {
    Assumptions.assumeTrue(Tstclnt.available(), "tstclnt not installed (libnss3-tools)");
    try (AgentHarness h = new AgentHarness(stack, tmp); EdgeAgent agent = EdgeAgent.start(h.config("lhr1", Map.of()))) {
      EdgeFixture.Delegation web = h.fx.delegation("edge.example.test");
      CredentialIssued event = h.fx.event("web", h.region, web, h.fx.mint(web, Duration.ofHours(24)), h.regionKey.publicKey());
      h.send("web", event);
      await("installed", () -> agent.credentials().current("web").isPresent());

      Tstclnt.Result r = Tstclnt.trusting(tmp.resolve("nssdb"), h.fx.ca()).connect(agent.tlsPort(), "edge.example.test", true);
      TstclntIT.save(info, r);
      assertThat(r.output()).contains("Received a Delegated Credential").contains("Server Auth: 256-bit")
          .contains("datacenter=lhr1").contains("serial=" + event.getSerial());
    }
  }

  @Test
  void twoDatacentersInOneJvm_eachInstallWithTheirOwnGroup(EmbeddedStack stack, @TempDir Path tmp) throws Exception {
    try (AgentHarness h = new AgentHarness(stack, tmp);
        EdgeAgent fra = EdgeAgent.start(h.config("fra2", Map.of()));
        EdgeAgent ams = EdgeAgent.start(h.config("ams2", Map.of()))) {
      EdgeFixture.Delegation web = h.fx.delegation("web.example.test");
      CredentialIssued event = h.fx.event("web", h.region, web, h.fx.mint(web, Duration.ofHours(24)), h.regionKey.publicKey());
      h.send("web", event);
      await("both datacenters installed", () -> fra.credentials().current("web").isPresent()
          && ams.credentials().current("web").isPresent());
      assertThat(fra.tlsPort()).isNotEqualTo(ams.tlsPort());
      await("INSTALLED from both", () -> h.statuses("fra2").stream().anyMatch(s -> s.getState() == RolloutState.INSTALLED)
          && h.statuses("ams2").stream().anyMatch(s -> s.getState() == RolloutState.INSTALLED));
    }
  }

  @Test
  void brokerDown_agentKeepsServing_thenReconnectsAndInstallsTheNextCredential(EmbeddedStack stack, @TempDir Path tmp)
      throws Exception {
    try (AgentHarness h = new AgentHarness(stack, tmp); EdgeAgent agent = EdgeAgent.start(h.config("mad1", Map.of()))) {
      EdgeFixture.Delegation web = h.fx.delegation("web.example.test");
      h.send("web", h.fx.event("web", h.region, web, h.fx.mint(web, Duration.ofHours(12)), h.regionKey.publicKey()));
      await("first installed", () -> agent.credentials().current("web").isPresent());

      stack.kafka().stopBroker();
      try {
        Thread.sleep(2_000);
        assertThat(agent.credentials().current("web")).isPresent();
      } finally {
        stack.kafka().restartBroker();
      }
      CredentialIssued next = h.fx.event("web", h.region, web, h.fx.mint(web, Duration.ofHours(24)), h.regionKey.publicKey());
      h.send("web", next);
      await("next installed after reconnect",
          () -> agent.credentials().current("web").map(c -> c.serial().equals(next.getSerial())).orElse(false));
    }
  }

  private String get(int port, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
