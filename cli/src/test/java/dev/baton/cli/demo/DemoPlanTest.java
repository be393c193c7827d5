package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPlanTest {
  @TempDir
  Path dir;

  private DemoPlan plan(int certificates, String datacenters, Path policyFile) {
    return DemoPlan.of(null, Duration.ofMinutes(10), certificates, datacenters, policyFile, dir);
  }

  @Test
  void defaults_giveEuOnlyEverywhereAndUsPlusApac() {
    DemoPlan p = plan(3, DemoPlan.DEFAULT_DATACENTERS, null);
    assertThat(p.regions()).containsExactly("eu", "us", "apac");
    assertThat(p.policy().get("cert-1")).containsExactly("eu");
    assertThat(p.policy().get("cert-2")).containsExactly("eu", "us", "apac");
    assertThat(p.policy().get("cert-3")).containsExactly("us", "apac");
    assertThat(p.duration()).isEmpty();
  }

  @Test
  void allowedCertificates_followThePolicyOfTheRegion() {
    DemoPlan p = plan(3, DemoPlan.DEFAULT_DATACENTERS, null);
    assertThat(p.allowedCertificates(new Datacenter("eu", "fra1"))).containsExactly("cert-1", "cert-2");
    assertThat(p.allowedCertificates(new Datacenter("apac", "nrt1"))).containsExactly("cert-2", "cert-3");
  }

  @Test
  void oneRegion_everyCertificateIsAllowedThere() {
    DemoPlan p = plan(3, "eu:fra1", null);
    assertThat(p.policy().values()).allSatisfy(r -> assertThat(r).containsExactly("eu"));
  }

  @Test
  void policyFile_overridesTheNamedCertificatesOnly() throws Exception {
    Path f = dir.resolve("policy.properties");
    Files.writeString(f, "cert-1=us, apac\n");
    DemoPlan p = plan(2, DemoPlan.DEFAULT_DATACENTERS, f);
    assertThat(p.policy().get("cert-1")).containsExactly("apac", "us");
    assertThat(p.policy().get("cert-2")).containsExactly("eu", "us", "apac");
  }

  @Test
  void policyFile_unknownCertificate_isRejectedNamingIt() throws Exception {
    Path f = dir.resolve("policy.properties");
    Files.writeString(f, "cert-9=eu\n");
    assertThatThrownBy(() -> plan(2, DemoPlan.DEFAULT_DATACENTERS, f)).hasMessageContaining("'cert-9'");
  }

  @Test
  void datacenters_badSpecs_areRejected() {
    assertThatThrownBy(() -> plan(1, "fra1", null)).hasMessageContaining("region:name");
    assertThatThrownBy(() -> plan(1, "eu:fra1,us:fra1", null)).hasMessageContaining("listed twice");
    assertThatThrownBy(() -> plan(1, "EU:fra1", null)).hasMessageContaining("'EU'");
    assertThatThrownBy(() -> plan(1, "", null)).hasMessageContaining("at least one");
  }

  @Test
  void limits_areEnforced() {
    assertThatThrownBy(() -> plan(0, "eu:fra1", null)).hasMessageContaining("--certificates");
    assertThatThrownBy(() -> DemoPlan.of(null, Duration.ofMinutes(4), 1, "eu:fra1", null, dir))
        .hasMessageContaining("--lifetime");
    assertThatThrownBy(() -> DemoPlan.of(Duration.ofSeconds(5), Duration.ofMinutes(10), 1, "eu:fra1", null, dir))
        .hasMessageContaining("--duration");
  }

  @Test
  void parseDatacenters_keepsOrder() {
    assertThat(DemoPlan.parseDatacenters(" us:iad1 ,eu:fra1"))
        .containsExactly(new Datacenter("us", "iad1"), new Datacenter("eu", "fra1"));
    assertThat(List.of(Datacenter.parse("eu:fra1").toString())).containsExactly("eu:fra1");
  }
}
