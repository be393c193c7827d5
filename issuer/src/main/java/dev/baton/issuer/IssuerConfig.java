package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.credentials.SignatureScheme;
import dev.baton.service.ConfigException;
import dev.baton.service.ConfigSource;
import dev.baton.service.KafkaSettings;
import dev.baton.service.ManagementSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the issuer is configured with, validated at startup. Errors name the key and value.
 *
 * @param kafka brokers, registry and {@code kafka.*} client settings
 * @param management where /healthy, /ready and /metrics listen
 * @param inventoryDir {@code issuer.inventory.dir}: one sub-directory per certificate id
 * @param issuerId {@code issuer.id}: written into every event (default: the host name)
 * @param schedule lifetime, renewal fraction, jitter and backoff
 * @param dcScheme {@code issuer.dc.scheme}: signature scheme of the credentials' own keys
 * @param inventoryRescan {@code issuer.inventory.rescan}: how often the inventory is re-read
 * @param tick {@code issuer.schedule.tick}: how often the schedule is evaluated
 * @param createTopics {@code issuer.topics.create}: create the issuer's topics when missing
 * @param replicationFactor {@code issuer.topics.replication.factor}: -1 for the broker default
 */
public record IssuerConfig(
    KafkaSettings kafka,
    ManagementSettings management,
    Path inventoryDir,
    String issuerId,
    SchedulePolicy schedule,
    SignatureScheme dcScheme,
    Duration inventoryRescan,
    Duration tick,
    boolean createTopics,
    short replicationFactor) {

  public static final String INVENTORY_DIR = "issuer.inventory.dir";
  public static final String ISSUER_ID = "issuer.id";
  public static final String LIFETIME = "issuer.credential.lifetime";
  public static final String RENEWAL_FRACTION = "issuer.renewal.fraction";
  public static final String JITTER_FRACTION = "issuer.jitter.fraction";
  public static final String DC_SCHEME = "issuer.dc.scheme";
  public static final String INVENTORY_RESCAN = "issuer.inventory.rescan";
  public static final String TICK = "issuer.schedule.tick";
  public static final String BACKOFF_INITIAL = "issuer.backoff.initial";
  public static final String BACKOFF_MAX = "issuer.backoff.max";
  public static final String CREATE_TOPICS = "issuer.topics.create";
  public static final String REPLICATION_FACTOR = "issuer.topics.replication.factor";

  /** Default management port of the issuer. */
  public static final int DEFAULT_MANAGEMENT_PORT = 9410;

  /** Every key the issuer reads (so each may come from the environment alone). */
  public static final List<String> KNOWN_KEYS = List.of(
      KafkaSettings.BOOTSTRAP_SERVERS, KafkaSettings.SCHEMA_REGISTRY_URL, ManagementSettings.HOST,
      ManagementSettings.PORT, INVENTORY_DIR, ISSUER_ID, LIFETIME, RENEWAL_FRACTION, JITTER_FRACTION, DC_SCHEME,
      INVENTORY_RESCAN, TICK, BACKOFF_INITIAL, BACKOFF_MAX, CREATE_TOPICS, REPLICATION_FACTOR);

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  public IssuerConfig {
    requireNonNull(kafka, "kafka must not be null");
    requireNonNull(management, "management must not be null");
    requireNonNull(inventoryDir, "inventoryDir must not be null");
    requireNonNull(issuerId, "issuerId must not be null");
    requireNonNull(schedule, "schedule must not be null");
    requireNonNull(dcScheme, "dcScheme must not be null");
    requireNonNull(inventoryRescan, "inventoryRescan must not be null");
    requireNonNull(tick, "tick must not be null");
  }

  /** Reads a properties file (may be null) overridden by {@code BATON_*} environment variables. */
  public static IssuerConfig load(Path file, Map<String, String> env) {
    return from(ConfigSource.load(file, env, KNOWN_KEYS));
  }

  /** Reads and validates the settings. */
  public static IssuerConfig from(ConfigSource config) {
    String issuerId = config.matching(ISSUER_ID, defaultIssuerId(), SAFE_ID, "1-128 letters, digits, '.', '_' or '-'");
    return new IssuerConfig(
        KafkaSettings.from(config),
        ManagementSettings.from(config, DEFAULT_MANAGEMENT_PORT),
        config.path(INVENTORY_DIR),
        issuerId,
        schedulePolicy(config),
        scheme(config),
        config.duration(INVENTORY_RESCAN, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofHours(1)),
        config.duration(TICK, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(1)),
        config.bool(CREATE_TOPICS, true),
        config.replicationFactor(REPLICATION_FACTOR));
  }

  private static SchedulePolicy schedulePolicy(ConfigSource config) {
    SchedulePolicy d = SchedulePolicy.defaults();
    Duration lifetime = config.duration(LIFETIME, d.lifetime(), SchedulePolicy.MIN_LIFETIME, SchedulePolicy.MAX_LIFETIME);
    double renewal = config.decimal(RENEWAL_FRACTION, d.renewalFraction(), 0.01, 0.99);
    double jitter = config.decimal(JITTER_FRACTION, d.jitterFraction(), 0.0, 0.5);
    if (renewal * (1 + jitter) >= 1) {
      throw new ConfigException(JITTER_FRACTION, "'" + jitter + "' with " + RENEWAL_FRACTION + "=" + renewal
          + " could schedule renewal after expiry; keep renewal * (1 + jitter) below 1");
    }
    Duration initial = config.duration(BACKOFF_INITIAL, d.backoffInitial(), Duration.ofMillis(10), Duration.ofHours(1));
    Duration max = config.duration(BACKOFF_MAX, d.backoffMax(), Duration.ofMillis(10), Duration.ofHours(6));
    if (max.compareTo(initial) < 0) {
      throw new ConfigException(BACKOFF_MAX, "'" + max + "' is shorter than " + BACKOFF_INITIAL + "=" + initial);
    }
    return new SchedulePolicy(lifetime, renewal, jitter, initial, max);
  }

  private static SignatureScheme scheme(ConfigSource config) {
    String name = config.string(DC_SCHEME, SignatureScheme.ECDSA_SECP256R1_SHA256.tlsName());
    SignatureScheme scheme;
    try {
      scheme = SignatureScheme.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(DC_SCHEME, e.getMessage());
    }
    if (!SignatureScheme.mintable().contains(scheme)) {
      throw new ConfigException(DC_SCHEME, "'" + name + "' cannot be a delegated credential's key; use one of "
          + SignatureScheme.mintable().stream().map(SignatureScheme::tlsName).toList());
    }
    return scheme;
  }

  private static String defaultIssuerId() {
    try {
      String host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
      return SAFE_ID.matcher(host).matches() ? host : "issuer";
    } catch (UnknownHostException e) {
      return "issuer";
    }
  }

  @Override
  public String toString() {
    // KafkaSettings masks secret passthrough settings; nothing else here is secret.
    return "IssuerConfig[" + kafka + ", management=" + management.host() + ":" + management.port()
        + ", inventoryDir=" + inventoryDir + ", issuerId=" + issuerId + ", schedule=" + schedule
        + ", dcScheme=" + dcScheme.tlsName() + ", inventoryRescan=" + inventoryRescan + ", tick=" + tick
        + ", createTopics=" + createTopics + ", replicationFactor=" + replicationFactor + "]";
  }
}
