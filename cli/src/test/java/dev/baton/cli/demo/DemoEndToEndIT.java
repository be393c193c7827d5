package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.baton.cli.demo.KeyStoreInspector.StoredCredential;
import dev.baton.cli.ops.Policies;
import dev.baton.credentials.Pem;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.service.KafkaSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's wiring as a test: issuer, distributor, monitor and three edge agents in this JVM on
 * the shared embedded broker and registry; 2 regions, 2 certificates, a 5-minute lifetime renewed
 * at a tenth of it (so a rotation comes every ~30 s). Every claim is checked from the edges' key store files alone. The
 * tests build on each other in order (one pipeline, started once).
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  // Names unique per run: the broker is shared with the other ITs of this module.
  private final String p = "e" + UUID.randomUUID().toString().substring(0, 5);
  private final String eu = p + "-eu";
  private final String us = p + "-us";
  private final Datacenter fra1 = new Datacenter(eu, p + "-fra1");
  private final Datacenter ams1 = new Datacenter(eu, p + "-ams1");
  private final Datacenter iad1 = new Datacenter(us, p + "-iad1");
  private final List<Datacenter> dcs = List.of(fra1, ams1, iad1);

  private Path dir;
  private EmbeddedStack stack;
  private KafkaSettings kafka;
  private DemoWorld world;
  private InProcessFleet fleet;
  private KeyStoreInspector inspector;
  private OperatorConsole operator;
  private final Map<String, List<String>> policy = new HashMap<>();

  @BeforeAll
  void startPipeline(EmbeddedStack stack, @TempDir Path dir) {
    this.stack = stack;
    this.dir = dir;
    kafka = new KafkaSettings(stack.bootstrapServers(), stack.schemaRegistryUrl(), Map.of());
    Map<String, List<String>> initial = new LinkedHashMap<>();
    initial.put("cert-1", List.of(eu));
    initial.put("cert-2", List.of(eu, us));
    DemoPlan plan = new DemoPlan(java.util.Optional.empty(), Duration.ofMinutes(5), List.of("cert-1", "cert-2"),
        dcs, initial, dir.resolve("state"));
    world = DemoWorld.create(plan, Instant.now());
    inspector = new KeyStoreInspector(Pem.readCertificates(world.caCertificate()).get(0), Clock.systemUTC());
    operator = new OperatorConsole(stack.bootstrapServers(), stack.schemaRegistryUrl(), line -> { });
    for (String region : plan.regions()) {
      operator.baton("region", "publish", "--region", region, "--public-key", world.regionPublicKey(region).toString());
    }
    initial.forEach(this::setPolicy);
    // 5 minutes is the shortest lifetime the issuer mints; renewing at a tenth of it rotates every ~30 s.
    fleet = new InProcessFleet(world, new DemoConfigs(world, kafka, p, 0.1));
    fleet.start();
  }

  @AfterAll
  void stopPipeline() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  @Order(1)
  void everyAllowedPair_isInstalledAndVerifiable_fromKeyStoreFilesAlone() {
    awaitCoverage();
    Map<String, Map<String, StoredCredential>> stores = stores();
    assertThat(stores.get(fra1.name())).containsOnlyKeys("cert-1", "cert-2");
    assertThat(stores.get(iad1.name())).containsOnlyKeys("cert-2");
    stores.values().forEach(s -> s.values().forEach(c -> assertThat(c.problems()).isEmpty()));
  }

  @Test
  @Order(2)
  void handshake_withADelegatedCapableClient_getsTheInstalledCredential() throws Exception {
    Assumptions.assumeTrue(Handshake.tstclntAvailable(),
        "tstclnt (Debian libnss3-tools) is not on the PATH: handshake not tested");
    awaitCoverage();
    Handshake.Result r = Handshake.trusting(dir.resolve("nssdb"), world.caCertificate())
        .connect(fleet.tlsPort(fra1), DemoWorld.dnsName("cert-1"));
    assertThat(r.succeeded()).as(r.transcript()).isTrue();
    assertThat(r.delegatedCredential()).as(r.transcript()).isTrue();
    assertThat(r.scheme()).isEqualTo("ecdsa_secp256r1_sha256");
    assertThat(r.serverKeyBits()).as("the P-256 DC key, not the P-384 certificate key, signed").isEqualTo(256);
    assertThat(r.serial()).isEqualTo(stores().get(fra1.name()).get("cert-1").serial());
  }

  @Test
  @Order(3)
  void ownClient_handshake_verifiesTheHandshakeWithTheDcKey() {
    awaitCoverage();
    Handshake.Result r = new DcTlsClient(world.caCertificate(), Clock.systemUTC())
        .connect(fleet.tlsPort(iad1), DemoWorld.dnsName("cert-2"));
    assertThat(r.succeeded()).as(r.transcript()).isTrue();
    assertThat(r.delegatedCredential()).isTrue();
    assertThat(r.scheme()).isEqualTo("ecdsa_secp256r1_sha256");
    assertThat(r.serverKeyBits()).isEqualTo(256);
    assertThat(r.serial()).isEqualTo(stores().get(iad1.name()).get("cert-2").serial());
  }

  @Test
  @Order(4)
  void policyDroppingARegion_purgesItsEdges_andRestoringIt_reinstallsWithoutTheIssuer() {
    awaitCoverage();
    setPolicy("cert-2", List.of(eu));
    await("iad1 purges cert-2", () -> !stores().get(iad1.name()).containsKey("cert-2"));
    assertThat(stores().get(fra1.name())).containsKey("cert-2");
    setPolicy("cert-2", List.of(eu, us));
    await("iad1 re-installs cert-2", () -> valid(iad1, "cert-2"));
    assertThat(problems()).isEmpty();
  }

  @Test
  @Order(5)
  void rotation_replacesTheFirstCredential_onEveryDatacenter() {
    awaitCoverage();
    Map<String, String> first = serials();
    await("every credential rotated", () -> {
      Map<String, String> now = serials();
      return now.keySet().equals(first.keySet())
          && first.entrySet().stream().allMatch(e -> !e.getValue().equals(now.get(e.getKey())));
    });
    assertThat(problems()).isEmpty();
  }

  @Test
  @Order(6)
  void stoppedEdge_catchesUpFromItsCommittedOffsets_afterRestart() throws Exception {
    awaitCoverage();
    fleet.stopEdge(ams1);
    Map<TopicPartition, OffsetAndMetadata> committed = stack.kafka().admin()
        .listConsumerGroupOffsets("baton-edge-" + ams1.name()).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    assertThat(committed.values()).as("ams1 committed what it installed").anyMatch(o -> o != null && o.offset() > 0);
    Map<String, String> before = serials();
    // fra1 (same region, still running) gets a rotation that ams1 misses while it is down.
    await("fra1 rotates while ams1 is down", () -> {
      Map<String, String> now = serials();
      return !now.get(fra1.name() + "/cert-1").equals(before.get(fra1.name() + "/cert-1"));
    });
    String missed = serials().get(fra1.name() + "/cert-1");
    assertThat(serials().get(ams1.name() + "/cert-1")).isNotEqualTo(missed);
    fleet.startEdge(ams1);
    await("ams1 catches up", () -> {
      String held = serials().get(ams1.name() + "/cert-1");
      String newest = serials().get(fra1.name() + "/cert-1");
      return held != null && held.equals(newest) && valid(ams1, "cert-1");
    });
    assertThat(problems()).isEmpty();
  }

  private void setPolicy(String cert, List<String> regions) {
    operator.baton("policy", "set", "--certificate", cert, "--regions", String.join(",", regions));
    policy.put(cert, Policies.parseRegions(String.join(",", regions)));
  }

  private Map<String, Map<String, StoredCredential>> stores() {
    Map<String, Map<String, StoredCredential>> out = new LinkedHashMap<>();
    dcs.forEach(dc -> out.put(dc.name(), inspector.inspect(world.keyStore(dc))));
    return out;
  }

  private Map<String, String> serials() {
    Map<String, String> out = new HashMap<>();
    stores().forEach((dc, s) -> s.values().forEach(c -> out.put(dc + "/" + c.certificateId(), c.serial())));
    return out;
  }

  private boolean valid(Datacenter dc, String cert) {
    StoredCredential c = inspector.inspect(world.keyStore(dc)).get(cert);
    return c != null && c.valid();
  }

  private List<String> problems() {
    return CoverageCheck.problems(dcs, policy, stores());
  }

  private void awaitCoverage() {
    await("every datacenter covered", () -> problems().isEmpty());
  }

  private void await(String what, Supplier<Boolean> condition) {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      if (condition.get()) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting: " + what);
      }
    }
    fail("not within " + WAIT.toSeconds() + " s: " + what + "; coverage problems: " + new ArrayList<>(problems()));
  }
}
