package dev.baton.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.service.ConfigException;
import dev.baton.service.ConfigSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {

  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("bootstrap.servers", "127.0.0.1:9092");
    m.put("schema.registry.url", "http://127.0.0.1:8081");
    return m;
  }

  @Test
  void minimalConfig_takesTheDefaults() {
    MonitorConfig c = MonitorConfig.from(ConfigSource.of(minimal()));

    assertThat(c.applicationId()).isEqualTo("baton-monitor");
    assertThat(c.management().port()).isEqualTo(MonitorConfig.DEFAULT_MANAGEMENT_PORT);
    assertThat(c.policy()).isEqualTo(TrackerPolicy.DEFAULT);
    assertThat(c.createTopics()).isTrue();
  }

  @Test
  void thresholdsAndPassthrough_areRead() {
    Map<String, String> m = minimal();
    m.put("monitor.headroom.alert", "45m");
    m.put("monitor.heartbeat.interval", "5s");
    m.put("monitor.heartbeat.missed", "4");
    m.put("kafka.state.dir", "/var/lib/baton-monitor");

    MonitorConfig c = MonitorConfig.from(ConfigSource.of(m));

    assertThat(c.policy().headroomAlert()).isEqualTo(Duration.ofMinutes(45));
    assertThat(c.policy().silenceAlert()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.kafka().clientProperties()).containsEntry("state.dir", "/var/lib/baton-monitor");
  }

  @Test
  void badValues_areRejectedNamingTheKeyAndValue() {
    Map<String, String> m = minimal();
    m.put("monitor.heartbeat.interval", "soon");
    assertThatThrownBy(() -> MonitorConfig.from(ConfigSource.of(m)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("monitor.heartbeat.interval").hasMessageContaining("soon");

    Map<String, String> badId = minimal();
    badId.put("application.id", "my monitor");
    assertThatThrownBy(() -> MonitorConfig.from(ConfigSource.of(badId)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("application.id").hasMessageContaining("'my monitor'");

    Map<String, String> noBroker = minimal();
    noBroker.remove("bootstrap.servers");
    assertThatThrownBy(() -> MonitorConfig.from(ConfigSource.of(noBroker)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers");
  }

  @Test
  void toString_masksSecretPassthroughSettings() {
    Map<String, String> m = minimal();
    m.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule password=\"hunter2\";");

    assertThat(MonitorConfig.from(ConfigSource.of(m)).toString()).doesNotContain("hunter2");
  }
}
