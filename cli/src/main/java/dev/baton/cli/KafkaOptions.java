package dev.baton.cli;

import dev.baton.service.KafkaSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command that talks to Kafka shares (a picocli mixin): where the brokers and
 * the schema registry are, and optionally a file of extra client settings (security, timeouts).
 * Use it with {@code @Mixin KafkaOptions kafka;} and call {@link #settings()}.
 */
public final class KafkaOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,...]",
      defaultValue = "${env:BATON_BOOTSTRAP_SERVERS}",
      description = "Kafka bootstrap servers (default: env BATON_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--schema-registry", paramLabel = "URL",
      defaultValue = "${env:BATON_SCHEMA_REGISTRY_URL}",
      description = "Schema registry URL, e.g. http://127.0.0.1:8081/apis/ccompat/v7"
          + " (default: env BATON_SCHEMA_REGISTRY_URL).")
  String schemaRegistryUrl;

  @Option(names = "--client-config", paramLabel = "FILE",
      description = "Properties file of extra Kafka client and registry settings"
          + " (e.g. security.protocol=SASL_SSL, basic.auth.user.info=...).")
  Path clientConfig;

  @Option(names = {"-X", "--property"}, paramLabel = "KEY=VALUE",
      description = "An extra client or registry setting (repeatable; wins over --client-config),"
          + " e.g. -X security.protocol=SSL (same flag as baton tail).")
  Map<String, String> properties = new TreeMap<>();

  /** Settings for the given addresses, for callers that build commands programmatically (the demo). */
  public static KafkaOptions of(String bootstrapServers, String schemaRegistryUrl) {
    KafkaOptions o = new KafkaOptions();
    o.bootstrapServers = bootstrapServers;
    o.schemaRegistryUrl = schemaRegistryUrl;
    return o;
  }

  /**
   * The validated settings.
   *
   * @throws CommandLine.ParameterException naming the missing option or the unreadable file
   */
  public KafkaSettings settings() {
    String bs = required(bootstrapServers, "--bootstrap-server", "BATON_BOOTSTRAP_SERVERS");
    String sr = required(schemaRegistryUrl, "--schema-registry", "BATON_SCHEMA_REGISTRY_URL");
    Map<String, String> extra = new TreeMap<>(clientConfig == null ? Map.of() : readClientConfig(clientConfig));
    extra.putAll(properties);
    return new KafkaSettings(bs, sr, extra);
  }

  private String required(String value, String option, String env) {
    if (value == null || value.isBlank()) {
      throw usageError("Missing " + option + " (or set " + env + ")");
    }
    return value.trim();
  }

  private Map<String, String> readClientConfig(Path file) {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw usageError("Cannot read --client-config '" + file + "': " + e.getMessage());
    }
    Map<String, String> out = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k).trim()));
    return out;
  }

  private RuntimeException usageError(String message) {
    if (mixee == null) {
      return new IllegalArgumentException(message);
    }
    return new CommandLine.ParameterException(mixee.commandLine(), message);
  }
}
