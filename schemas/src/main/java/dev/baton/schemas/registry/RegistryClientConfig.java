package dev.baton.schemas.registry;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the HTTP registry client, under Confluent's names so existing client configs work.
 *
 * <p>Secrets ({@code basic.auth.user.info}, the truststore password) never appear in
 * {@link #toString()}.
 *
 * @param urls registry base URLs, tried in order (failover)
 * @param connectTimeout {@code http.connect.timeout.ms}
 * @param requestTimeout {@code http.read.timeout.ms}: the whole answer must arrive within it
 * @param maxRetries {@code max.retries}: retries after the first attempt on 5xx or connection errors
 * @param retryWait {@code retries.wait.ms}: first backoff; doubles per retry, with jitter
 * @param retryMaxWait {@code retries.max.wait.ms}: cap of one backoff
 * @param userInfo {@code user:password} for HTTP basic auth, if any
 * @param trustStore TLS trust settings, if any (otherwise the JVM's default trust)
 */
public record RegistryClientConfig(
    List<URI> urls,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration retryWait,
    Duration retryMaxWait,
    Optional<String> userInfo,
    Optional<TrustStoreConfig> trustStore) {

  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  /** Alias of {@link #BASIC_AUTH_USER_INFO} that Confluent also accepts. */
  public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
  public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

  private static final String MASK = "********";

  public RegistryClientConfig {
    urls = List.copyOf(requireNonNull(urls, "urls must not be null"));
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one schema registry URL is required");
    }
    requireNonNull(connectTimeout, "connectTimeout must not be null");
    requireNonNull(requestTimeout, "requestTimeout must not be null");
    requireNonNull(retryWait, "retryWait must not be null");
    requireNonNull(retryMaxWait, "retryMaxWait must not be null");
    requireNonNull(userInfo, "userInfo must not be null");
    requireNonNull(trustStore, "trustStore must not be null");
    if (maxRetries < 0) {
      throw new IllegalArgumentException(MAX_RETRIES + " must be 0 or more, got " + maxRetries);
    }
  }

  /**
   * Parses the registry settings from a Kafka client / serde config.
   *
   * @throws IllegalArgumentException naming the key and the bad value
   */
  public static RegistryClientConfig parse(List<String> urls, Map<String, ?> configs) {
    requireNonNull(urls, "urls must not be null");
    requireNonNull(configs, "configs must not be null");
    String source = string(configs, BASIC_AUTH_CREDENTIALS_SOURCE, "");
    List<URI> uris = urls.stream().map(RegistryClientConfig::baseUri).toList();
    return new RegistryClientConfig(
        uris.stream().map(RegistryClientConfig::withoutUserInfo).toList(),
        Duration.ofMillis(millis(configs, CONNECT_TIMEOUT_MS, 10_000)),
        Duration.ofMillis(millis(configs, READ_TIMEOUT_MS, 30_000)),
        (int) millis(configs, MAX_RETRIES, 3),
        Duration.ofMillis(millis(configs, RETRIES_WAIT_MS, 200)),
        Duration.ofMillis(millis(configs, RETRIES_MAX_WAIT_MS, 5_000)),
        userInfo(source, configs, uris),
        TrustStoreConfig.parse(configs));
  }

  private static Optional<String> userInfo(String source, Map<String, ?> configs, List<URI> uris) {
    switch (source.toUpperCase(java.util.Locale.ROOT)) {
      case "":
        return Optional.empty();
      case "USER_INFO": {
        String info = string(configs, BASIC_AUTH_USER_INFO, string(configs, SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, ""));
        if (info.indexOf(':') < 1) {
          throw new IllegalArgumentException(BASIC_AUTH_USER_INFO
              + " must be 'user:password' when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO, got "
              + (info.isEmpty() ? "nothing" : "a value without 'user:'"));
        }
        return Optional.of(info);
      }
      case "URL": {
        String info = uris.get(0).getRawUserInfo();
        if (info == null || info.indexOf(':') < 1) {
          throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE
              + "=URL needs user:password in the schema.registry.url (http://user:password@host:port)");
        }
        return Optional.of(java.net.URLDecoder.decode(info, java.nio.charset.StandardCharsets.UTF_8));
      }
      default:
        throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE + " '" + source
            + "' is not supported; use USER_INFO or URL");
    }
  }

  private static URI baseUri(String url) {
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(u);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("schema.registry.url '" + redact(url) + "' is not a URL: " + e.getMessage(), e);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "schema.registry.url '" + redact(url) + "' must be http://host:port[/path] or https://host:port[/path]");
    }
    return uri;
  }

  private static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    return URI.create(uri.toString().replace(uri.getRawUserInfo() + "@", ""));
  }

  /** Replaces {@code user:password@} in a URL string by a mask, for messages and logs. */
  public static String redact(String url) {
    return url.replaceAll("//[^/@]*@", "//" + MASK + "@");
  }

  private static String string(Map<String, ?> configs, String key, String dflt) {
    Object v = configs.get(key);
    return v == null ? dflt : v.toString().trim();
  }

  private static long millis(Map<String, ?> configs, String key, long dflt) {
    Object v = configs.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.toString().trim());
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new NumberFormatException("out of range");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number from 0 to " + Integer.MAX_VALUE
          + ", got '" + v + "'", e);
    }
  }

  /** The user name of the basic auth settings, if any (never the password). */
  public Optional<String> userName() {
    return userInfo.map(u -> u.substring(0, u.indexOf(':')));
  }

  @Override
  public String toString() {
    return "RegistryClientConfig[urls=" + urls + ", connectTimeout=" + connectTimeout
        + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries + ", retryWait=" + retryWait
        + ", retryMaxWait=" + retryMaxWait
        + ", basicAuth=" + userName().map(u -> u + ":" + MASK).orElse("none")
        + ", trustStore=" + trustStore.map(Object::toString).orElse("JVM default") + "]";
  }
}
