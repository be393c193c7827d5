package dev.baton.distributor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.service.ConfigException;
import dev.baton.service.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributorConfigTest {

  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("bootstrap.servers", "127.0.0.1:9092");
    m.put("schema.registry.url", "http://127.0.0.1:8081");
    return m;
  }

  private static DistributorConfig parse(Map<String, String> values) {
    return DistributorConfig.from(ConfigSource.of(values));
  }

  @Test
  void from_minimalSettings_usesSafeDefaults() {
    DistributorConfig config = parse(minimal());

    assertThat(config.applicationId()).isEqualTo("baton-distributor");
    assertThat(config.unknownPolicy()).isEqualTo(UnknownPolicy.DENY);
    assertThat(config.management().port()).isEqualTo(DistributorConfig.DEFAULT_MANAGEMENT_PORT);
    assertThat(config.replicationFactor()).isEqualTo((short) -1);
  }

  @Test
  void streamsProperties_runExactlyOnceV2_withDeadLetterHandlers_andPassKafkaSettingsThrough() {
    Map<String, String> values = minimal();
    values.put("kafka.commit.interval.ms", "100");
    values.put("kafka.security.protocol", "SSL");
    Properties props = parse(values).streamsProperties();

    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("baton-distributor");
    assertThat(props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(DeadLetterHandlers.Deserialization.class);
    assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(DeadLetterHandlers.Processing.class);
    assertThat(props).containsEntry("commit.interval.ms", "100").containsEntry("security.protocol", "SSL")
        .containsEntry("bootstrap.servers", "127.0.0.1:9092");
  }

  @Test
  void from_unknownPolicyAll_isAccepted_andBadValueIsNamed() {
    Map<String, String> values = minimal();
    values.put(DistributorConfig.UNKNOWN_POLICY, "ALL");
    assertThat(parse(values).unknownPolicy()).isEqualTo(UnknownPolicy.ALL);

    values.put(DistributorConfig.UNKNOWN_POLICY, "some");
    assertThatThrownBy(() -> parse(values))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(DistributorConfig.UNKNOWN_POLICY)
        .hasMessageContaining("'some'");
  }

  @Test
  void from_processingGuaranteeOverride_isRefused() {
    Map<String, String> values = minimal();
    values.put("kafka.processing.guarantee", "at_least_once");

    assertThatThrownBy(() -> parse(values))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.processing.guarantee")
        .hasMessageContaining("at_least_once");
  }

  @Test
  void from_regionPrivateKeySetting_isRefused_withoutEchoingIt() {
    Map<String, String> values = minimal();
    values.put("region.eu.private.key", "/etc/baton/eu.key");

    assertThatThrownBy(() -> parse(values))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("region.eu.private.key")
        .hasMessageContaining("holds no keys")
        .hasMessageNotContaining("/etc/baton/eu.key");
  }

  @Test
  void from_misspelledKey_isRefusedByName() {
    Map<String, String> values = minimal();
    values.put("distributor.unknown.polcy", "all");

    assertThatThrownBy(() -> parse(values))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("distributor.unknown.polcy");
  }

  @Test
  void from_partitionsOutOfRange_namesKeyAndValue() {
    Map<String, String> values = minimal();
    values.put(DistributorConfig.PARTITIONS, "0");

    assertThatThrownBy(() -> parse(values))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(DistributorConfig.PARTITIONS)
        .hasMessageContaining("'0'");
  }

  @Test
  void load_fileOverriddenByEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("distributor.properties");
    Files.writeString(file, "bootstrap.servers=file:9092\nschema.registry.url=http://127.0.0.1:8081\n"
        + "distributor.unknown.policy=all\n");

    DistributorConfig config = DistributorConfig.load(file, Map.of("BATON_DISTRIBUTOR_UNKNOWN_POLICY", "deny",
        "BATON_DISTRIBUTOR_APPLICATION_ID", "dist-eu"));

    assertThat(config.unknownPolicy()).isEqualTo(UnknownPolicy.DENY);
    assertThat(config.applicationId()).isEqualTo("dist-eu");
  }

  @Test
  void toString_masksSecretPassthrough() {
    Map<String, String> values = minimal();
    values.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
        + "username=\"u\" password=\"hunter2\";");

    assertThat(parse(values).toString()).doesNotContain("hunter2");
  }
}
