package dev.baton.schemas.serde;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.registry.RegistryClientConfig;
import java.util.List;
import java.util.Map;

/**
 * The serde settings, under Confluent's names so existing client configs work unchanged.
 *
 * @param registryUrls {@code schema.registry.url}, comma-separated; {@code mock://scope} for tests
 * @param autoRegister {@code auto.register.schemas} (default true)
 * @param useLatestVersion {@code use.latest.version} (default false)
 * @param subjectStrategy {@code key.subject.name.strategy} / {@code value.subject.name.strategy}
 * @param raw every setting as given, for the registry client (auth, TLS)
 */
public record SerdeConfig(
    List<String> registryUrls,
    boolean autoRegister,
    boolean useLatestVersion,
    SubjectNameStrategy subjectStrategy,
    Map<String, ?> raw) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

  public SerdeConfig {
    registryUrls = List.copyOf(requireNonNull(registryUrls, "registryUrls must not be null"));
    if (registryUrls.isEmpty()) {
      throw new IllegalArgumentException(SCHEMA_REGISTRY_URL + " must name at least one registry URL");
    }
    requireNonNull(subjectStrategy, "subjectStrategy must not be null");
    raw = withoutNulls(requireNonNull(raw, "raw must not be null"));
  }

  private static Map<String, ?> withoutNulls(Map<String, ?> raw) {
    Map<String, Object> copy = new java.util.HashMap<>();
    raw.forEach((k, v) -> {
      if (k != null && v != null) {
        copy.put(k, v);
      }
    });
    return Map.copyOf(copy);
  }

  /** The settings with secrets (passwords, user info, keys) masked: safe to log. */
  @Override
  public String toString() {
    java.util.TreeMap<String, Object> shown = new java.util.TreeMap<>();
    raw.forEach((k, v) -> shown.put(k, isSecret(k) ? "********"
        : k.equals(SCHEMA_REGISTRY_URL) ? RegistryClientConfig.redact(v.toString()) : v));
    return "SerdeConfig[registryUrls=" + registryUrls.stream().map(RegistryClientConfig::redact).toList()
        + ", autoRegister=" + autoRegister + ", useLatestVersion=" + useLatestVersion
        + ", subjectStrategy=" + subjectStrategy + ", raw=" + shown + "]";
  }

  private static boolean isSecret(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.contains("password") || k.contains("user.info") || k.contains("secret") || k.contains("jaas")
        || k.contains("token") || k.contains("key.location");
  }

  /** Parses the serde settings of a Kafka client config. */
  public static SerdeConfig parse(Map<String, ?> configs, boolean isKey) {
    requireNonNull(configs, "configs must not be null");
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException(SCHEMA_REGISTRY_URL + " is required (e.g. http://127.0.0.1:8081)");
    }
    List<String> urls = List.of(url.toString().trim().split("\\s*,\\s*"));
    String strategyKey = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
    return new SerdeConfig(
        urls,
        bool(configs, AUTO_REGISTER_SCHEMAS, true),
        bool(configs, USE_LATEST_VERSION, false),
        SubjectNameStrategy.parse(strategyKey, configs.get(strategyKey)),
        configs);
  }

  private static boolean bool(Map<String, ?> configs, String key, boolean dflt) {
    Object v = configs.get(key);
    if (v == null) {
      return dflt;
    }
    String s = v.toString().trim();
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException(key + " must be true or false, got '" + s + "'");
  }
}
