package dev.baton.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.avro.v1.GeoPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyFormatTest {
  private static final Instant T = Instant.parse("2026-12-03T17:00:00Z");

  private final List<GeoPolicy> policies = List.of(
      Policies.next(null, "cert-1", List.of("eu"), T),
      Policies.next(null, "a-much-longer-certificate", List.of("us", "apac"), T));

  @Test
  void table_alignsColumnsUnderTheHeader() {
    String[] lines = PolicyFormat.table(policies).split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("CERTIFICATE ");
    int versionColumn = lines[0].indexOf("VERSION");
    assertThat(lines[1].substring(versionColumn)).startsWith("1  ");
    assertThat(lines[2]).contains("apac, us").contains("2026-12-03T17:00:00Z");
  }

  @Test
  void table_noPolicies_saysHowToSetOne() {
    assertThat(PolicyFormat.table(List.of())).contains("baton policy set");
  }

  @Test
  void json_isAnArrayWithEveryField() throws Exception {
    JsonNode root = new ObjectMapper().readTree(PolicyFormat.json(policies));
    assertThat(root.isArray()).isTrue();
    assertThat(root.get(1).get("certificateId").asText()).isEqualTo("a-much-longer-certificate");
    assertThat(root.get(1).get("regions").toString()).isEqualTo("[\"apac\",\"us\"]");
    assertThat(root.get(1).get("version").asLong()).isEqualTo(1);
    assertThat(root.get(1).get("updatedAt").asText()).isEqualTo("2026-12-03T17:00:00Z");
  }
}
