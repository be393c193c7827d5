package dev.baton.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.service.ConfigException;
import dev.baton.service.ConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeAgentConfigTest {

  static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("edge.datacenter", "fra1");
    m.put("edge.region", "eu");
    m.put("edge.region.key", "/etc/baton/eu.key");
    m.put("edge.store.dir", "/var/lib/baton");
    m.put("edge.trust.anchors", "/etc/baton/anchors.pem");
    m.put("bootstrap.servers", "127.0.0.1:9092");
    m.put("schema.registry.url", "mock://edge");
    return m;
  }

  @Test
  void from_minimalSettings_appliesDefaults() {
    EdgeAgentConfig c = EdgeAgentConfig.from(ConfigSource.of(minimal()));
    assertThat(c.consumerGroup()).isEqualTo("baton-edge-fra1");
    assertThat(c.safetyMargin()).isEqualTo(Duration.ofHours(1));
    assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.tlsPort()).isEqualTo(EdgeAgentConfig.DEFAULT_TLS_PORT);
    assertThat(c.regionKeyFile()).isEqualTo(Path.of("/etc/baton/eu.key"));
  }

  @Test
  void from_missingRegionKey_namesTheKey() {
    Map<String, String> m = minimal();
    m.remove("edge.region.key");
    assertThatThrownBy(() -> EdgeAgentConfig.from(ConfigSource.of(m)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("edge.region.key");
  }

  @Test
  void from_badValues_nameKeyAndValue() {
    Map<String, String> m = minimal();
    m.put("edge.datacenter", "FRA 1");
    assertThatThrownBy(() -> EdgeAgentConfig.from(ConfigSource.of(m))).hasMessageContaining("edge.datacenter").hasMessageContaining("FRA 1");
    m.put("edge.datacenter", "fra1");
    m.put("edge.heartbeat.interval", "often");
    assertThatThrownBy(() -> EdgeAgentConfig.from(ConfigSource.of(m))).hasMessageContaining("edge.heartbeat.interval").hasMessageContaining("often");
    m.put("edge.heartbeat.interval", "10s");
    m.put("edge.tls.port", "70000");
    assertThatThrownBy(() -> EdgeAgentConfig.from(ConfigSource.of(m))).hasMessageContaining("edge.tls.port");
  }

  @Test
  void toString_showsPathsAndMasksKafkaSecrets() {
    Map<String, String> m = minimal();
    m.put("kafka.sasl.jaas.config", "secret-jaas");
    String s = EdgeAgentConfig.from(ConfigSource.of(m)).toString();
    assertThat(s).contains("/etc/baton/eu.key").doesNotContain("secret-jaas");
  }
}
