package dev.baton.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

  @Test
  void load_environmentOverridesFile_andKafkaPassthroughComesFromEnvAlone(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("svc.properties");
    Files.writeString(file, "bootstrap.servers=file:9092\nkafka.acks=all\n");
    ConfigSource config = ConfigSource.load(file,
        Map.of("BATON_BOOTSTRAP_SERVERS", "env:9092", "BATON_KAFKA_SECURITY_PROTOCOL", "SSL"), List.of());

    assertThat(config.string("bootstrap.servers")).isEqualTo("env:9092");
    assertThat(config.withPrefix("kafka.")).containsEntry("acks", "all").containsEntry("security.protocol", "SSL");
  }

  @Test
  void load_knownKeyOnlyInEnvironment_isRead() {
    ConfigSource config = ConfigSource.load(null, Map.of("BATON_ISSUER_ID", "iss-1"), List.of("issuer.id"));
    assertThat(config.string("issuer.id")).isEqualTo("iss-1");
  }

  @Test
  void integer_outOfRange_namesKeyAndValue() {
    ConfigSource config = ConfigSource.of(Map.of("management.port", "70000"));
    assertThatThrownBy(() -> config.port("management.port", 8080))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("management.port")
        .hasMessageContaining("70000");
  }

  @Test
  void duration_acceptsShortFormsAndIso_andRejectsGarbageNamingKey() {
    ConfigSource config = ConfigSource.of(Map.of("a", "24h", "b", "PT30S", "c", "soon"));
    Duration max = Duration.ofDays(7);
    assertThat(config.duration("a", Duration.ZERO, Duration.ZERO, max)).isEqualTo(Duration.ofHours(24));
    assertThat(config.duration("b", Duration.ZERO, Duration.ZERO, max)).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> config.duration("c", Duration.ZERO, Duration.ZERO, max))
        .hasMessageContaining("c: 'soon' is not a duration");
  }

  @Test
  void missingRequiredKey_namesEnvironmentVariable() {
    assertThatThrownBy(() -> ConfigSource.of(Map.of()).string("schema.registry.url"))
        .hasMessageContaining("schema.registry.url")
        .hasMessageContaining("BATON_SCHEMA_REGISTRY_URL");
  }

  @Test
  void kafkaSettings_toString_masksSecrets() {
    KafkaSettings s = KafkaSettings.from(ConfigSource.of(Map.of(
        "bootstrap.servers", "b:9092", "schema.registry.url", "http://r",
        "kafka.sasl.jaas.config", "secret-jaas", "kafka.basic.auth.user.info", "u:p")));
    assertThat(s.toString()).doesNotContain("secret-jaas").doesNotContain("u:p").contains("****");
    assertThat(s.serdeProperties()).containsEntry("basic.auth.user.info", "u:p");
  }

  @Test
  void matching_valueOutsideSyntax_namesKeyValueAndRule() {
    ConfigSource config = ConfigSource.of(Map.of("edge.datacenter", "FRA 1"));
    assertThatThrownBy(() -> config.matching("edge.datacenter", null, Pattern.compile("[a-z0-9]+"), "lowercase"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("edge.datacenter: 'FRA 1' must be lowercase");
    assertThat(ConfigSource.of(Map.of()).matching("app.id", "dflt", Pattern.compile("[a-z]+"), "x"))
        .isEqualTo("dflt");
  }

  @Test
  void replicationFactor_zeroIsRefused_minusOneMeansBrokerDefault() {
    assertThat(ConfigSource.of(Map.of()).replicationFactor("x.rf")).isEqualTo((short) -1);
    assertThat(ConfigSource.of(Map.of("x.rf", "3")).replicationFactor("x.rf")).isEqualTo((short) 3);
    assertThatThrownBy(() -> ConfigSource.of(Map.of("x.rf", "0")).replicationFactor("x.rf"))
        .hasMessageContaining("x.rf").hasMessageContaining("'0'");
  }
}
