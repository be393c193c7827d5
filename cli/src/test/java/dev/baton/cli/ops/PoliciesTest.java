package dev.baton.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.avro.v1.GeoPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoliciesTest {
  private static final Instant NOW = Instant.parse("2026-12-03T17:00:00Z");

  @Test
  void parseRegions_sortsAndFoldsDuplicatesAndBlanks() {
    assertThat(Policies.parseRegions(" us, eu,,us ")).containsExactly("eu", "us");
  }

  @Test
  void parseRegions_emptyValue_allowsNoRegion() {
    assertThat(Policies.parseRegions("")).isEmpty();
  }

  @Test
  void parseRegions_invalidName_isRejectedNamingIt() {
    assertThatThrownBy(() -> Policies.parseRegions("eu,US_East"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'US_East'");
  }

  @Test
  void next_withoutPrevious_isVersionOne() {
    GeoPolicy p = Policies.next(null, "cert-1", List.of("us", "eu"), NOW);
    assertThat(p.getVersion()).isEqualTo(1);
    assertThat(p.getRegions()).containsExactly("eu", "us");
    assertThat(p.getUpdatedAt()).isEqualTo(NOW);
    assertThat(p.getCertificateId()).isEqualTo("cert-1");
  }

  @Test
  void next_afterPrevious_incrementsItsVersion() {
    GeoPolicy v7 = GeoPolicy.newBuilder().setCertificateId("cert-1").setRegions(List.of("eu"))
        .setVersion(7).setUpdatedAt(NOW.minusSeconds(60)).build();
    assertThat(Policies.next(v7, "cert-1", List.of(), NOW).getVersion()).isEqualTo(8);
  }

  @Test
  void next_previousOfAnotherCertificate_isRefused() {
    GeoPolicy other = Policies.next(null, "cert-2", List.of("eu"), NOW);
    assertThatThrownBy(() -> Policies.next(other, "cert-1", List.of("eu"), NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cert-2");
  }

  @Test
  void requireValidCertificateId_slashOrBlank_isRejected() {
    assertThatThrownBy(() -> Policies.requireValidCertificateId("a/b")).hasMessageContaining("'a/b'");
    assertThatThrownBy(() -> Policies.requireValidCertificateId(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Policies.requireValidCertificateId("www.example.com")).isEqualTo("www.example.com");
  }

  @Test
  void describeRegions_emptyPolicy_saysNone() {
    assertThat(Policies.describeRegions(Policies.next(null, "c", List.of(), NOW))).isEqualTo("(none)");
    assertThat(Policies.describeRegions(Policies.next(null, "c", List.of("us", "eu"), NOW))).isEqualTo("eu, us");
  }
}
