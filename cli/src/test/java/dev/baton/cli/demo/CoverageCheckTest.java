package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.demo.KeyStoreInspector.StoredCredential;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageCheckTest {
  private final List<Datacenter> dcs = DemoPlan.parseDatacenters("eu:fra1,us:iad1");
  private final Map<String, List<String>> policy = Map.of("cert-1", List.of("eu"), "cert-2", List.of("eu", "us"));

  private static StoredCredential ok(String cert) {
    return new StoredCredential(cert, "ab".repeat(16), Instant.now().plusSeconds(60), List.of());
  }

  @Test
  void exactlyTheAllowedValidCredentials_isCovered() {
    var stores = Map.of("fra1", Map.of("cert-1", ok("cert-1"), "cert-2", ok("cert-2")), "iad1", Map.of("cert-2", ok("cert-2")));
    assertThat(CoverageCheck.problems(dcs, policy, stores)).isEmpty();
    assertThat(CoverageCheck.installed(dcs.get(0), policy, stores.get("fra1"))).isEqualTo(2);
    assertThat(CoverageCheck.expected(dcs.get(1), policy)).isEqualTo(1);
  }

  @Test
  void missingDisallowedInvalidAndUnknown_areEachReported() {
    StoredCredential bad = new StoredCredential("cert-2", "cd".repeat(16), null, List.of("EXPIRED: too old"));
    var stores = Map.of("fra1", Map.of("cert-2", bad, "cert-9", ok("cert-9")), "iad1", Map.of("cert-1", ok("cert-1"), "cert-2", ok("cert-2")));
    assertThat(CoverageCheck.problems(dcs, policy, stores)).containsExactlyInAnyOrder(
        "fra1 (eu) holds no credential for cert-1",
        "fra1 holds an invalid credential for cert-2: EXPIRED: too old",
        "fra1 holds a credential for unknown certificate cert-9",
        "iad1 (us) holds a credential for cert-1 although its policy allows only [eu]");
  }
}
