package dev.baton.distributor;

import static java.util.Objects.requireNonNull;

import dev.baton.service.ConfigException;
import dev.baton.service.ConfigSource;
import dev.baton.service.KafkaSettings;
import dev.baton.service.ManagementSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the distributor is configured with, validated at startup. Errors name the key and value.
 *
 * <p>The distributor holds no key of any kind: it routes sealed bytes it cannot open. A setting
 * that looks like a private key is refused, so nobody "helpfully" deploys one next to it.
 *
 * @param kafka brokers, registry and {@code kafka.*} settings (also passed to Kafka Streams)
 * @param management where /healthy, /ready and /metrics listen
 * @param applicationId {@code distributor.application.id}: the Streams application id (consumer
 *     group, transactional ids and internal topic prefix)
 * @param unknownPolicy {@code distributor.unknown.policy}: {@code deny} or {@code all} for
 *     certificates without a geo policy
 * @param partitions {@code distributor.partitions}: partitions of the internal by-certificate
 *     topics, that is the number of routing tasks; never change it for an existing application id
 * @param regionTopicPartitions {@code distributor.region.topic.partitions}: partitions of a
 *     region topic the distributor creates
 * @param replicationFactor {@code distributor.topics.replication.factor}: of every topic the
 *     distributor creates; -1 for the broker default
 */
public record DistributorConfig(
    KafkaSettings kafka,
    ManagementSettings management,
    String applicationId,
    UnknownPolicy unknownPolicy,
    int partitions,
    int regionTopicPartitions,
    short replicationFactor) {

  public static final String APPLICATION_ID = "distributor.application.id";
  public static final String UNKNOWN_POLICY = "distributor.unknown.policy";
  public static final String PARTITIONS = "distributor.partitions";
  public static final String REGION_TOPIC_PARTITIONS = "distributor.region.topic.partitions";
  public static final String REPLICATION_FACTOR = "distributor.topics.replication.factor";

  /** Default management port of the distributor. */
  public static final int DEFAULT_MANAGEMENT_PORT = 9420;
  /** Default Streams application id. */
  public static final String DEFAULT_APPLICATION_ID = "baton-distributor";

  /** Every key the distributor reads besides {@code kafka.*} (each may come from the environment alone). */
  public static final List<String> KNOWN_KEYS = List.of(
      KafkaSettings.BOOTSTRAP_SERVERS, KafkaSettings.SCHEMA_REGISTRY_URL, ManagementSettings.HOST,
      ManagementSettings.PORT, APPLICATION_ID, UNKNOWN_POLICY, PARTITIONS, REGION_TOPIC_PARTITIONS,
      REPLICATION_FACTOR);

  private static final Pattern APPLICATION_ID_SYNTAX = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final Pattern KEY_MATERIAL = Pattern.compile(".*(private|secret[._-]?key|region[._-]key).*");

  public DistributorConfig {
    requireNonNull(kafka, "kafka must not be null");
    requireNonNull(management, "management must not be null");
    requireNonNull(applicationId, "applicationId must not be null");
    requireNonNull(unknownPolicy, "unknownPolicy must not be null");
  }

  /** Reads a properties file (may be null) overridden by {@code BATON_*} environment variables. */
  public static DistributorConfig load(Path file, Map<String, String> env) {
    return from(ConfigSource.load(file, env, KNOWN_KEYS));
  }

  /** Reads and validates the settings; unknown keys outside {@code kafka.*} are refused (typos). */
  public static DistributorConfig from(ConfigSource config) {
    refuseUnknownKeys(config);
    String applicationId = config.matching(APPLICATION_ID, DEFAULT_APPLICATION_ID, APPLICATION_ID_SYNTAX,
        "1-200 letters, digits, '.', '_' or '-'");
    KafkaSettings kafka = KafkaSettings.from(config);
    refuseOverriddenGuarantees(kafka);
    return new DistributorConfig(
        kafka,
        ManagementSettings.from(config, DEFAULT_MANAGEMENT_PORT),
        applicationId,
        unknownPolicy(config),
        config.integer(PARTITIONS, 6, 1, 1024),
        config.integer(REGION_TOPIC_PARTITIONS, 3, 1, 1024),
        config.replicationFactor(REPLICATION_FACTOR));
  }

  /**
   * The Kafka Streams settings: {@code kafka.*} first, then what the distributor depends on
   * (application id, exactly_once_v2, the dead-letter handlers), which no passthrough may change.
   * The registry settings are not among them: the topology configures its serdes itself.
   */
  public Properties streamsProperties() {
    Properties props = new Properties();
    props.putAll(kafka.clientProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
    props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
    return props;
  }

  private static UnknownPolicy unknownPolicy(ConfigSource config) {
    String v = config.string(UNKNOWN_POLICY, UnknownPolicy.DENY.configName());
    for (UnknownPolicy p : UnknownPolicy.values()) {
      if (p.configName().equals(v.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new ConfigException(UNKNOWN_POLICY, "'" + v + "' must be deny or all");
  }

  private static void refuseUnknownKeys(ConfigSource config) {
    for (String key : config.withPrefix("").keySet()) {
      if (KEY_MATERIAL.matcher(key.toLowerCase(Locale.ROOT)).matches() && !key.startsWith("kafka.ssl.")) {
        throw new ConfigException(key, "the distributor holds no keys (it routes sealed bytes it cannot open); "
            + "remove this setting, region private keys belong on that region's edge hosts only");
      }
      if (!key.startsWith(KafkaSettings.PASSTHROUGH_PREFIX) && !KNOWN_KEYS.contains(key)) {
        throw new ConfigException(key, "is not a distributor setting (known: " + KNOWN_KEYS + " and kafka.*)");
      }
    }
  }

  private static void refuseOverriddenGuarantees(KafkaSettings kafka) {
    for (String key : List.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.APPLICATION_ID_CONFIG,
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)) {
      if (kafka.passthrough().containsKey(key)) {
        throw new ConfigException(KafkaSettings.PASSTHROUGH_PREFIX + key, "'" + kafka.passthrough().get(key)
            + "' cannot be overridden: the distributor runs exactly_once_v2 with its own dead-letter handlers"
            + (key.equals(StreamsConfig.APPLICATION_ID_CONFIG) ? "; set " + APPLICATION_ID + " instead" : ""));
      }
    }
  }

  @Override
  public String toString() {
    // KafkaSettings masks secret passthrough settings; nothing else here is secret.
    return "DistributorConfig[" + kafka + ", management=" + management.host() + ":" + management.port()
        + ", applicationId=" + applicationId + ", unknownPolicy=" + unknownPolicy.configName()
        + ", partitions=" + partitions + ", regionTopicPartitions=" + regionTopicPartitions
        + ", replicationFactor=" + replicationFactor + "]";
  }
}
