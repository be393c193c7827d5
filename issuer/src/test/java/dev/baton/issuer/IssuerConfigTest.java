package dev.baton.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.credentials.SignatureScheme;
import dev.baton.service.ConfigException;
import dev.baton.service.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerConfigTest {

  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("bootstrap.servers", "127.0.0.1:9092");
    m.put("schema.registry.url", "http://127.0.0.1:8081");
    m.put("issuer.inventory.dir", "/var/lib/baton/inventory");
    m.put("issuer.id", "issuer-1");
    return m;
  }

  private static IssuerConfig with(String key, String value) {
    Map<String, String> m = minimal();
    m.put(key, value);
    return IssuerConfig.from(ConfigSource.of(m));
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    IssuerConfig c = IssuerConfig.from(ConfigSource.of(minimal()));
    assertThat(c.schedule()).isEqualTo(SchedulePolicy.defaults());
    assertThat(c.schedule().lifetime()).isEqualTo(Duration.ofHours(24));
    assertThat(c.dcScheme()).isEqualTo(SignatureScheme.ECDSA_SECP256R1_SHA256);
    assertThat(c.inventoryRescan()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.management().port()).isEqualTo(IssuerConfig.DEFAULT_MANAGEMENT_PORT);
    assertThat(c.inventoryDir()).isEqualTo(Path.of("/var/lib/baton/inventory"));
  }

  @Test
  void lifetimeBelowFiveMinutes_isRefusedNamingTheKey() {
    // The schedule never mints a credential shorter than 5 minutes, so a shorter lifetime would
    // silently mint nothing.
    assertThatThrownBy(() -> with("issuer.credential.lifetime", "1m"))
        .hasMessageContaining("issuer.credential.lifetime").hasMessageContaining("1m");
    assertThat(with("issuer.credential.lifetime", "5m").schedule().lifetime()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void lifetimeOverSevenDays_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> with("issuer.credential.lifetime", "8d"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("issuer.credential.lifetime").hasMessageContaining("8d");
    assertThat(with("issuer.credential.lifetime", "7d").schedule().lifetime()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void renewalWithJitterPastExpiry_isRefused() {
    Map<String, String> m = minimal();
    m.put("issuer.renewal.fraction", "0.95");
    m.put("issuer.jitter.fraction", "0.1");
    assertThatThrownBy(() -> IssuerConfig.from(ConfigSource.of(m)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("issuer.jitter.fraction");
  }

  @Test
  void badScheme_namesKeyAndValidChoices() {
    assertThatThrownBy(() -> with("issuer.dc.scheme", "rsa_pkcs1_sha256"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("issuer.dc.scheme")
        .hasMessageContaining("ecdsa_secp256r1_sha256");
    assertThatThrownBy(() -> with("issuer.dc.scheme", "rot13"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("issuer.dc.scheme").hasMessageContaining("rot13");
    assertThat(with("issuer.dc.scheme", "ED25519").dcScheme()).isEqualTo(SignatureScheme.ED25519);
  }

  @Test
  void missingInventoryDir_namesKeyAndEnvironmentVariable() {
    Map<String, String> m = minimal();
    m.remove("issuer.inventory.dir");
    assertThatThrownBy(() -> IssuerConfig.from(ConfigSource.of(m)))
        .hasMessageContaining("issuer.inventory.dir").hasMessageContaining("BATON_ISSUER_INVENTORY_DIR");
  }

  @Test
  void unsafeIssuerId_isRefused() {
    assertThatThrownBy(() -> with("issuer.id", "a b")).hasMessageContaining("issuer.id");
  }

  @Test
  void load_environmentOverridesFile_andToStringMasksSecrets(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("issuer.properties");
    Files.writeString(file, String.join("\n",
        "bootstrap.servers=file:9092", "schema.registry.url=http://r:8081", "issuer.inventory.dir=/inv",
        "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";",
        "issuer.credential.lifetime=12h"));
    IssuerConfig c = IssuerConfig.load(file, Map.of("BATON_ISSUER_CREDENTIAL_LIFETIME", "36h", "BATON_ISSUER_ID", "env-id"));

    assertThat(c.schedule().lifetime()).isEqualTo(Duration.ofHours(36));
    assertThat(c.issuerId()).isEqualTo("env-id");
    assertThat(c.kafka().clientProperties()).containsKey("sasl.jaas.config");
    assertThat(c.toString()).doesNotContain("hunter2").contains("sasl.jaas.config");
  }
}
