package dev.baton.service;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.serde.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a service reaches Kafka and the schema registry: {@code bootstrap.servers},
 * {@code schema.registry.url}, and every {@code kafka.*} setting passed through to the clients
 * with the prefix removed (so {@code kafka.security.protocol=SASL_SSL} reaches every client).
 * Registry settings ({@code schema.registry.*}, {@code basic.auth.*}) may be given under
 * {@code kafka.} too.
 *
 * @param bootstrapServers the Kafka bootstrap servers
 * @param schemaRegistryUrl the registry URL(s), comma-separated
 * @param passthrough the {@code kafka.*} settings without the prefix
 */
public record KafkaSettings(String bootstrapServers, String schemaRegistryUrl, Map<String, String> passthrough) {

  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String SCHEMA_REGISTRY_URL = SerdeConfig.SCHEMA_REGISTRY_URL;
  public static final String PASSTHROUGH_PREFIX = "kafka.";

  public KafkaSettings {
    requireNonNull(bootstrapServers, "bootstrapServers must not be null");
    requireNonNull(schemaRegistryUrl, "schemaRegistryUrl must not be null");
    passthrough = Map.copyOf(requireNonNull(passthrough, "passthrough must not be null"));
  }

  /** Reads the settings; errors name the key. */
  public static KafkaSettings from(ConfigSource config) {
    return new KafkaSettings(
        config.string(BOOTSTRAP_SERVERS),
        config.string(SCHEMA_REGISTRY_URL),
        config.withPrefix(PASSTHROUGH_PREFIX));
  }

  /** Base properties for any Kafka client: bootstrap servers, then the passthrough settings. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>(passthrough);
    props.put(BOOTSTRAP_SERVERS, bootstrapServers);
    return props;
  }

  /** Settings for the Avro serdes: the registry URL and any registry/auth settings. */
  public Map<String, Object> serdeProperties() {
    Map<String, Object> props = new HashMap<>();
    passthrough.forEach((k, v) -> {
      if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.") || k.startsWith("auto.register")
          || k.startsWith("use.latest") || k.endsWith("subject.name.strategy")) {
        props.put(k, v);
      }
    });
    props.put(SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    return props;
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>(Secrets.masked(passthrough));
    return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
        + ", kafka.*=" + shown + "]";
  }
}
