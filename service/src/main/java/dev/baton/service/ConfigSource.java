package dev.baton.service;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's settings: a properties file, overridden by environment variables, read with typed
 * accessors whose errors name the key and the bad value.
 *
 * <p>The environment variable of a key is {@code BATON_} + the key upper-cased with {@code .} and
 * {@code -} as {@code _}: {@code bootstrap.servers} is {@code BATON_BOOTSTRAP_SERVERS},
 * {@code kafka.security.protocol} is {@code BATON_KAFKA_SECURITY_PROTOCOL}.
 */
public final class ConfigSource {

  private static final String ENV_PREFIX = "BATON_";
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Settings from a map (tests, or an already-merged config). */
  public static ConfigSource of(Map<String, String> values) {
    return new ConfigSource(requireNonNull(values, "values must not be null"));
  }

  /**
   * Settings from a properties file (may be null: environment only), with every key that the file
   * names or {@code knownKeys} lists overridden by its environment variable when that is set.
   */
  public static ConfigSource load(Path file, Map<String, String> env, Iterable<String> knownKeys) {
    requireNonNull(env, "env must not be null");
    Map<String, String> merged = new TreeMap<>();
    if (file != null) {
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(r);
      } catch (IOException e) {
        throw new ConfigException("config file", "cannot read '" + file + "': " + e.getMessage(), e);
      }
      props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k).trim()));
    }
    for (String key : knownKeys) {
      merged.putIfAbsent(key, null);
    }
    for (String key : merged.keySet().toArray(String[]::new)) {
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        merged.put(key, fromEnv.trim());
      }
    }
    // kafka.* settings may come from the environment alone.
    env.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX + "KAFKA_")) {
        String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        merged.putIfAbsent(key, value.trim());
      }
    });
    merged.values().removeIf(v -> v == null);
    return new ConfigSource(merged);
  }

  /** The environment variable that overrides a key. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A required, non-blank string. */
  public String string(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new ConfigException(key, "is required (set it in the config file or " + envName(key) + ")");
    }
    return v;
  }

  /** An optional string, or the default. */
  public String string(String key, String dflt) {
    String v = values.get(key);
    return v == null || v.isBlank() ? dflt : v;
  }

  /**
   * A string that must match {@code syntax} (ids that name topics, groups or files).
   *
   * @param rule what the syntax allows, for the error message (e.g. "1-200 letters, digits, '.', '_' or '-'")
   */
  public String matching(String key, String dflt, Pattern syntax, String rule) {
    String v = dflt == null ? string(key) : string(key, dflt);
    if (!syntax.matcher(v).matches()) {
      throw new ConfigException(key, "'" + v + "' must be " + rule);
    }
    return v;
  }

  /** The replication factor of topics a service creates: 1 to 32, or -1 for the broker's default. */
  public short replicationFactor(String key) {
    int rf = integer(key, -1, -1, 32);
    if (rf == 0) {
      throw new ConfigException(key, "'0' is not a replication factor: use 1-32, or -1 for the broker's default");
    }
    return (short) rf;
  }

  /** An integer within [min, max]. */
  public int integer(String key, int dflt, int min, int max) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + v + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new ConfigException(key, "'" + v + "' is out of range [" + min + ", " + max + "]");
    }
    return n;
  }

  /** A TCP port (0 = pick a free one). */
  public int port(String key, int dflt) {
    return integer(key, dflt, 0, 65535);
  }

  /** A decimal number within [min, max]. */
  public double decimal(String key, double dflt, double min, double max) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    double d;
    try {
      d = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + v + "' is not a number");
    }
    if (!(d >= min && d <= max)) {
      throw new ConfigException(key, "'" + v + "' is out of range [" + min + ", " + max + "]");
    }
    return d;
  }

  /** A boolean: true or false. */
  public boolean bool(String key, boolean dflt) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new ConfigException(key, "'" + v + "' must be true or false");
  }

  /** A duration: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 24h}, {@code 7d} or ISO-8601 ({@code PT24H}), within [min, max]. */
  public Duration duration(String key, Duration dflt, Duration min, Duration max) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    Duration d = parseDuration(key, v.trim());
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new ConfigException(key, "'" + v + "' is out of range [" + min + ", " + max + "]");
    }
    return d;
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 10m}, {@code 24h}, {@code 7d} or ISO-8601. */
  public static Duration parseDuration(String key, String v) {
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(v);
    } catch (DateTimeParseException e) {
      throw new ConfigException(key, "'" + v + "' is not a duration (e.g. 30s, 10m, 24h, 7d, PT24H)");
    }
  }

  /** A path (not checked for existence). */
  public Path path(String key) {
    return Path.of(string(key));
  }

  /** Every setting under a prefix, with the prefix removed ({@code kafka.acks} → {@code acks}). */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return Collections.unmodifiableMap(out);
  }
}
