package dev.baton.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void forName_findsEveryFixedTopic() {
    for (Topic<?, ?> t : Topics.fixed()) {
      assertThat(Topics.forName(t.name())).containsSame(t);
    }
  }

  @Test
  void fixedTopicNames_areUnique() {
    Set<String> names = new HashSet<>();
    Topics.fixed().forEach(t -> assertThat(names.add(t.name())).as(t.name()).isTrue());
  }

  @Test
  void forName_regionTopic_isTheCompactedRegionTopic() {
    Topic<?, ?> t = Topics.forName("baton.region.fips-tier1").orElseThrow();
    assertThat(t.name()).isEqualTo(Topics.region("fips-tier1").name());
    assertThat(t.config()).containsEntry("cleanup.policy", "compact");
  }

  @Test
  void forName_unknownOrBadRegion_isEmpty() {
    assertThat(Topics.forName("baton.nope")).isEmpty();
    assertThat(Topics.forName("baton.region.")).isEmpty();
    assertThat(Topics.forName("baton.region.EU")).isEmpty();
    assertThat(Topics.forName("__consumer_offsets")).isEmpty();
  }

  @Test
  void region_invalidName_namesTheValue() {
    assertThatThrownBy(() -> Topics.region("Eu West"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid region name 'Eu West'");
  }

  @Test
  void keys_joinWithSlash() {
    assertThat(Topics.credentialKey("www", "eu")).isEqualTo("www/eu");
    assertThat(Topics.statusKey("fra1", "www")).isEqualTo("fra1/www");
  }
}
