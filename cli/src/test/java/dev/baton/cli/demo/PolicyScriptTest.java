package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.cli.demo.KeyStoreInspector.StoredCredential;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyScriptTest {
  private static final Instant T0 = Instant.parse("2026-12-03T17:00:00Z");
  private final List<Datacenter> dcs = DemoPlan.parseDatacenters("eu:fra1,us:iad1,apac:sin1,apac:nrt1");
  private final Map<String, List<String>> policy = new HashMap<>(Map.of(
      "cert-1", List.of("eu"), "cert-2", List.of("eu", "us", "apac"), "cert-3", List.of("us", "apac")));
  private final List<String> published = new ArrayList<>();
  private final List<String> said = new ArrayList<>();
  private final PolicyScript script = new PolicyScript(policy, dcs,
      (cert, regions) -> published.add(cert + "=" + String.join(",", regions)), said::add);

  private static Map<String, StoredCredential> holding(String... certs) {
    Map<String, StoredCredential> m = new HashMap<>();
    for (String c : certs) {
      m.put(c, new StoredCredential(c, "00".repeat(16), T0.plusSeconds(600), List.of()));
    }
    return m;
  }

  @Test
  void fullCycle_dropsTheWidestCertificatesLastRegion_waitsForThePurge_thenRestoresIt() {
    script.begin(T0);
    assertThat(published).containsExactly("cert-2=eu,us");
    assertThat(policy.get("cert-2")).containsExactly("eu", "us");
    assertThat(script.phase()).isEqualTo(PolicyScript.Phase.DROPPED);

    // sin1 purged, nrt1 not yet: still waiting.
    script.tick(Map.of("sin1", holding("cert-3"), "nrt1", holding("cert-2", "cert-3")), T0.plusSeconds(1));
    assertThat(script.phase()).isEqualTo(PolicyScript.Phase.DROPPED);
    script.tick(Map.of("sin1", holding("cert-3"), "nrt1", holding("cert-3")), T0.plusSeconds(2));
    assertThat(script.phase()).isEqualTo(PolicyScript.Phase.PURGED);

    script.tick(Map.of(), T0.plusSeconds(3));
    assertThat(published).hasSize(1); // the pause is not over
    script.tick(Map.of(), T0.plusSeconds(2).plus(PolicyScript.PAUSE));
    assertThat(published).containsExactly("cert-2=eu,us", "cert-2=apac,eu,us");
    assertThat(script.phase()).isEqualTo(PolicyScript.Phase.RESTORED);

    script.tick(Map.of("sin1", holding("cert-2"), "nrt1", holding()), T0.plusSeconds(10));
    assertThat(script.phase()).isEqualTo(PolicyScript.Phase.RESTORED);
    script.tick(Map.of("sin1", holding("cert-2"), "nrt1", holding("cert-2")), T0.plusSeconds(11));
    assertThat(script.phase()).isEqualTo(PolicyScript.Phase.DONE);
    assertThat(String.join("\n", said)).contains("no apac datacenter holds cert-2").contains("Re-installed");
  }

  @Test
  void onStatus_reportsRemovalsOfTheScriptedCertificateOnly() {
    script.begin(T0);
    script.onStatus(status("sin1", "apac", "cert-2", RolloutState.REMOVED));
    script.onStatus(status("sin1", "apac", "cert-3", RolloutState.REMOVED));
    assertThat(said).filteredOn(s -> s.contains("REMOVED")).containsExactly("  sin1: REMOVED cert-2 (keys overwritten and deleted)");
  }

  @Test
  void noCertificateInTwoRegions_skipsWithAReason() {
    Map<String, List<String>> single = new HashMap<>(Map.of("cert-1", List.of("eu")));
    PolicyScript s = new PolicyScript(single, dcs, (c, r) -> published.add(c), said::add);
    s.begin(T0);
    assertThat(s.phase()).isEqualTo(PolicyScript.Phase.SKIPPED);
    assertThat(published).isEmpty();
  }

  private static RolloutStatus status(String dc, String region, String cert, RolloutState state) {
    return RolloutStatus.newBuilder().setDatacenter(dc).setRegion(region).setState(state)
        .setCertificateId(cert).setAgentTime(T0).build();
  }
}
