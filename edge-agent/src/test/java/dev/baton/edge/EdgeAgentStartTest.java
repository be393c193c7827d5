package dev.baton.edge;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.service.ConfigException;
import dev.baton.service.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeAgentStartTest {

  @Test
  void start_unreadableRegionKey_failsNamingTheSettingNotTheContent(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("region.key"), "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END PRIVATE KEY-----\n");
    EdgeAgentConfig config = config(tmp);
    assertThatThrownBy(() -> EdgeAgent.start(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("edge.region.key")
        .hasMessageContaining(tmp.resolve("region.key").toString())
        .hasMessageNotContaining("c2VjcmV0LWJ5dGVz");
  }

  @Test
  void start_missingTrustAnchors_failsNamingTheSetting(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("region.key"), EdgeFixture.regionKey().encodePrivatePem());
    EdgeAgentConfig config = config(tmp);
    assertThatThrownBy(() -> EdgeAgent.start(config))
        .isInstanceOf(ConfigException.class).hasMessageContaining("edge.trust.anchors");
  }

  private static EdgeAgentConfig config(Path tmp) {
    return EdgeAgentConfig.from(ConfigSource.of(Map.of(
        "edge.datacenter", "fra1", "edge.region", "eu",
        "edge.region.key", tmp.resolve("region.key").toString(),
        "edge.store.dir", tmp.resolve("store").toString(),
        "edge.trust.anchors", tmp.resolve("anchors.pem").toString(),
        "edge.tls.port", "0", "management.port", "0",
        "bootstrap.servers", "127.0.0.1:1", "schema.registry.url", "mock://edge-start")));
  }
}
