package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import dev.baton.service.ConfigSource;
import dev.baton.service.KafkaSettings;
import dev.baton.service.ManagementSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the monitor is configured with, validated at startup. Errors name the key and value.
 *
 * @param kafka brokers, registry and {@code kafka.*} client settings ({@code kafka.state.dir} too)
 * @param applicationId {@code application.id}: the Streams application id (default baton-monitor)
 * @param management where /healthy, /ready, /metrics, /rollouts and /datacenters listen
 * @param policy {@code monitor.headroom.alert}, {@code monitor.heartbeat.interval},
 *     {@code monitor.heartbeat.missed}, {@code monitor.forget.after}: when a datacenter is at risk
 * @param createTopics {@code monitor.topics.create}: create the topics the monitor reads and writes when missing
 * @param replicationFactor {@code monitor.topics.replication.factor}: -1 for the broker default
 */
public record MonitorConfig(KafkaSettings kafka, String applicationId, ManagementSettings management,
    TrackerPolicy policy, boolean createTopics, short replicationFactor) {

  public static final String APPLICATION_ID = "application.id";
  public static final String HEADROOM_ALERT = "monitor.headroom.alert";
  public static final String HEARTBEAT_INTERVAL = "monitor.heartbeat.interval";
  public static final String HEARTBEAT_MISSED = "monitor.heartbeat.missed";
  public static final String FORGET_AFTER = "monitor.forget.after";
  public static final String CREATE_TOPICS = "monitor.topics.create";
  public static final String REPLICATION_FACTOR = "monitor.topics.replication.factor";

  /** Default Streams application id. */
  public static final String DEFAULT_APPLICATION_ID = "baton-monitor";
  /** Default management port of the monitor. */
  public static final int DEFAULT_MANAGEMENT_PORT = 9440;

  /** Every key the monitor reads (so each may come from the environment alone). */
  public static final List<String> KNOWN_KEYS = List.of(
      KafkaSettings.BOOTSTRAP_SERVERS, KafkaSettings.SCHEMA_REGISTRY_URL, APPLICATION_ID, ManagementSettings.HOST,
      ManagementSettings.PORT, HEADROOM_ALERT, HEARTBEAT_INTERVAL, HEARTBEAT_MISSED, FORGET_AFTER, CREATE_TOPICS,
      REPLICATION_FACTOR);

  private static final Pattern APPLICATION_ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  public MonitorConfig {
    requireNonNull(kafka, "kafka must not be null");
    requireNonNull(applicationId, "applicationId must not be null");
    requireNonNull(management, "management must not be null");
    requireNonNull(policy, "policy must not be null");
  }

  /** Reads a properties file (may be null) overridden by {@code BATON_*} environment variables. */
  public static MonitorConfig load(Path file, Map<String, String> env) {
    return from(ConfigSource.load(file, env, KNOWN_KEYS));
  }

  /** Reads and validates the settings. */
  public static MonitorConfig from(ConfigSource config) {
    String applicationId = config.matching(APPLICATION_ID, DEFAULT_APPLICATION_ID, APPLICATION_ID_PATTERN,
        "1-200 letters, digits, '.', '_' or '-' (it names Kafka topics)");
    TrackerPolicy d = TrackerPolicy.DEFAULT;
    TrackerPolicy policy = new TrackerPolicy(
        config.duration(HEADROOM_ALERT, d.headroomAlert(), Duration.ofSeconds(1), Duration.ofDays(7)),
        config.duration(HEARTBEAT_INTERVAL, d.heartbeatInterval(), Duration.ofMillis(100), Duration.ofHours(1)),
        config.integer(HEARTBEAT_MISSED, d.missedHeartbeats(), 1, 1000),
        config.duration(FORGET_AFTER, d.forgetAfter(), Duration.ofMinutes(1), Duration.ofDays(365)));
    return new MonitorConfig(
        KafkaSettings.from(config),
        applicationId,
        ManagementSettings.from(config, DEFAULT_MANAGEMENT_PORT),
        policy,
        config.bool(CREATE_TOPICS, true),
        config.replicationFactor(REPLICATION_FACTOR));
  }

  @Override
  public String toString() {
    // KafkaSettings masks secret passthrough settings; nothing else here is secret.
    return "MonitorConfig[" + kafka + ", applicationId=" + applicationId + ", management=" + management.host() + ":"
        + management.port() + ", policy=" + policy + ", createTopics=" + createTopics + ", replicationFactor="
        + replicationFactor + "]";
  }
}
