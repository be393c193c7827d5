package dev.baton.edge;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.Topics;
import dev.baton.service.ConfigException;
import dev.baton.service.ConfigSource;
import dev.baton.service.KafkaSettings;
import dev.baton.service.ManagementSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything an edge agent needs, read and validated once at startup. Holds paths, never key
 * material, so {@code toString} is safe to log.
 *
 * @param datacenter {@code edge.datacenter}: this datacenter's id (names the consumer group)
 * @param region {@code edge.region}: the region whose topic this agent consumes
 * @param regionKeyFile {@code edge.region.key}: PKCS#8 PEM of the region's HPKE private key
 * @param storeDir {@code edge.store.dir}: the local key store
 * @param trustAnchorsFile {@code edge.trust.anchors}: PEM CA certificates chains must validate to
 * @param tlsHost {@code edge.tls.host}: the TLS listener address (default 127.0.0.1)
 * @param tlsPort {@code edge.tls.port}: the TLS listener port (0: a free one)
 * @param tlsThreads {@code edge.tls.threads}: handshake/connection threads
 * @param safetyMargin {@code edge.safety.margin}: not ready while a certificate's newest
 *     credential has less life left than this
 * @param heartbeatInterval {@code edge.heartbeat.interval}: HEARTBEAT status period
 * @param kafka bootstrap servers, registry URL, {@code kafka.*} passthrough
 * @param management the management listener
 */
public record EdgeAgentConfig(
    String datacenter,
    String region,
    Path regionKeyFile,
    Path storeDir,
    Path trustAnchorsFile,
    String tlsHost,
    int tlsPort,
    int tlsThreads,
    Duration safetyMargin,
    Duration heartbeatInterval,
    KafkaSettings kafka,
    ManagementSettings management) {

  public static final String DATACENTER = "edge.datacenter";
  public static final String REGION = "edge.region";
  public static final String REGION_KEY = "edge.region.key";
  public static final String STORE_DIR = "edge.store.dir";
  public static final String TRUST_ANCHORS = "edge.trust.anchors";
  public static final String TLS_HOST = "edge.tls.host";
  public static final String TLS_PORT = "edge.tls.port";
  public static final String TLS_THREADS = "edge.tls.threads";
  public static final String SAFETY_MARGIN = "edge.safety.margin";
  public static final String HEARTBEAT_INTERVAL = "edge.heartbeat.interval";

  /** Default management port of the edge agent. */
  public static final int DEFAULT_MANAGEMENT_PORT = 9303;
  /** Default TLS port. */
  public static final int DEFAULT_TLS_PORT = 8443;

  /** Every key the agent reads (for environment overrides). */
  public static final List<String> KNOWN_KEYS = List.of(
      DATACENTER, REGION, REGION_KEY, STORE_DIR, TRUST_ANCHORS, TLS_HOST, TLS_PORT, TLS_THREADS,
      SAFETY_MARGIN, HEARTBEAT_INTERVAL, KafkaSettings.BOOTSTRAP_SERVERS, KafkaSettings.SCHEMA_REGISTRY_URL,
      ManagementSettings.HOST, ManagementSettings.PORT);

  // A datacenter id becomes part of a consumer group id and of status keys.
  private static final Pattern DATACENTER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public EdgeAgentConfig {
    requireNonNull(datacenter, "datacenter must not be null");
    requireNonNull(region, "region must not be null");
    requireNonNull(regionKeyFile, "regionKeyFile must not be null");
    requireNonNull(storeDir, "storeDir must not be null");
    requireNonNull(trustAnchorsFile, "trustAnchorsFile must not be null");
    requireNonNull(tlsHost, "tlsHost must not be null");
    requireNonNull(safetyMargin, "safetyMargin must not be null");
    requireNonNull(heartbeatInterval, "heartbeatInterval must not be null");
    requireNonNull(kafka, "kafka must not be null");
    requireNonNull(management, "management must not be null");
  }

  /** Reads and validates the settings; an error names the key and the bad value. */
  public static EdgeAgentConfig from(ConfigSource config) {
    String datacenter = config.matching(DATACENTER, null, DATACENTER_ID,
        "a datacenter id: 1-63 lowercase letters, digits or '-', starting with a letter or digit");
    String region = config.string(REGION);
    try {
      Topics.requireValidRegion(region);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(REGION, e.getMessage(), e);
    }
    return new EdgeAgentConfig(
        datacenter,
        region,
        config.path(REGION_KEY),
        config.path(STORE_DIR),
        config.path(TRUST_ANCHORS),
        config.string(TLS_HOST, "127.0.0.1"),
        config.port(TLS_PORT, DEFAULT_TLS_PORT),
        config.integer(TLS_THREADS, 4, 1, 256),
        config.duration(SAFETY_MARGIN, Duration.ofHours(1), Duration.ZERO, Duration.ofDays(7)),
        config.duration(HEARTBEAT_INTERVAL, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofHours(1)),
        KafkaSettings.from(config),
        ManagementSettings.from(config, DEFAULT_MANAGEMENT_PORT));
  }

  /** The consumer group of this datacenter: {@code baton-edge-<datacenter>}. */
  public String consumerGroup() {
    return "baton-edge-" + datacenter;
  }
}
