package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.distributor.DistributorConfig;
import dev.baton.edge.EdgeAgentConfig;
import dev.baton.issuer.IssuerConfig;
import dev.baton.monitor.MonitorConfig;
import dev.baton.service.ConfigSource;
import dev.baton.service.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every demo config is one its service accepts, and is written down for running it by hand. */
class DemoConfigsTest {
  @TempDir
  Path dir;

  private final KafkaSettings kafka = new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081/apis/ccompat/v7", Map.of());

  private DemoConfigs configs(double renewal) {
    DemoPlan plan = DemoPlan.of(null, Duration.ofMinutes(10), 2, "eu:fra1,us:iad1", null, dir.resolve("state"));
    return new DemoConfigs(DemoWorld.create(plan, Instant.now()), kafka, "t1", renewal);
  }

  @Test
  void everyServiceAcceptsItsConfig_withTheDemosLifetimeAndFreePorts() {
    DemoConfigs c = configs(0.1);
    IssuerConfig issuer = IssuerConfig.from(ConfigSource.of(c.issuer()));
    assertThat(issuer.toString()).contains("lifetime=PT10M").contains("renewalFraction=0.1");
    DistributorConfig.from(ConfigSource.of(c.distributor()));
    MonitorConfig.from(ConfigSource.of(c.monitor()));
    EdgeAgentConfig edge = EdgeAgentConfig.from(ConfigSource.of(c.edge(new Datacenter("us", "iad1"))));
    assertThat(edge.tlsPort()).isZero();
    assertThat(edge.management().port()).isZero();
    assertThat(edge.regionKeyFile()).isEqualTo(c.world().regionPrivateKey("us"));
    assertThat(edge.trustAnchorsFile()).isEqualTo(c.world().caCertificate());
    assertThat(edge.safetyMargin()).isEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void configs_areWrittenToTheStateDirectory_withTheCommandToRunThem() throws Exception {
    DemoConfigs c = configs(0.5);
    c.edge(new Datacenter("eu", "fra1"));
    Path file = c.world().configDir().resolve("edge-fra1.properties");
    assertThat(Files.readString(file)).contains("baton edge-agent --config edge-fra1.properties");
    Properties p = new Properties();
    try (var in = Files.newInputStream(file)) {
      p.load(in);
    }
    assertThat(p.getProperty(EdgeAgentConfig.DATACENTER)).isEqualTo("fra1");
    assertThat(p.getProperty("bootstrap.servers")).isEqualTo("127.0.0.1:9092");
  }
}
