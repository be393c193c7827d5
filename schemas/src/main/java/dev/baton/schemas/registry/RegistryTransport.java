package dev.baton.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON request to the registry, with failover across URLs and bounded retries (exponential
 * backoff with jitter) on 5xx, 408, 429 and connection errors. Outcomes are decided on the HTTP
 * status alone: registries disagree on {@code error_code} (Apicurio 409 where Confluent says 40901).
 */
final class RegistryTransport {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_IN_MESSAGE = 300;

  /** Waits between retries; tests replace it to run without sleeping. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final RegistryClientConfig config;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  /** The URL that answered last; the next request starts there (sticky failover). */
  private volatile int preferred;

  RegistryTransport(RegistryClientConfig config, Sleeper sleeper, DoubleSupplier random) {
    this.config = config;
    this.sleeper = sleeper;
    this.random = random;
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout());
    config.trustStore().ifPresent(t -> b.sslContext(t.sslContext()));
    this.http = b.build();
    this.authorization = config.userInfo().map(u ->
        "Basic " + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8)));
  }

  RegistryTransport(RegistryClientConfig config) {
    this(config, d -> Thread.sleep(d.toMillis()), () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Sends a request and returns the JSON answer of the first URL that gives a 2xx.
   *
   * @param what what the request does, for error messages ("register schema under subject 'x'")
   * @throws SchemaRegistryException with the HTTP status (0 when no registry answered)
   */
  JsonNode send(String method, String path, String body, String what) {
    List<URI> urls = config.urls();
    SchemaRegistryException last = null;
    for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
      if (attempt > 0) {
        pause(attempt, what);
      }
      int start = preferred;
      for (int k = 0; k < urls.size(); k++) {
        int idx = (start + k) % urls.size();
        try {
          JsonNode answer = once(method, urls.get(idx), path, body, what);
          preferred = idx;
          return answer;
        } catch (SchemaRegistryException e) {
          if (!e.isRetriable()) {
            throw e;
          }
          LOG.warn("{} (attempt {} of {})", e.getMessage(), attempt + 1, config.maxRetries() + 1);
          last = e;
        }
      }
    }
    throw new SchemaRegistryException(what + " failed after " + (config.maxRetries() + 1)
        + " attempt(s) on " + urls + "; last error: " + last.getMessage(), last.httpStatus(), last);
  }

  private void pause(int attempt, String what) {
    try {
      sleeper.sleep(backoff(attempt, config.retryWait(), config.retryMaxWait(), random.getAsDouble()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(what + " interrupted while waiting to retry", 0, e);
    }
  }

  /**
   * The wait before retry {@code attempt} (1-based): {@code wait * 2^(attempt-1)}, capped at
   * {@code max}, then scaled into [50%, 100%] by {@code jitter} in [0, 1) so that many clients
   * failing together do not retry in lockstep.
   */
  static Duration backoff(int attempt, Duration wait, Duration max, double jitter) {
    long exp = wait.toMillis() << Math.min(attempt - 1, 30);
    long capped = exp < 0 ? max.toMillis() : Math.min(exp, max.toMillis());
    return Duration.ofMillis((long) (capped * (0.5 + jitter / 2)));
  }

  private JsonNode once(String method, URI base, String path, String body, String what) {
    URI uri = URI.create(base + path);
    HttpRequest.Builder req = HttpRequest.newBuilder(uri)
        .timeout(config.requestTimeout())
        .header("Accept", ACCEPT);
    authorization.ifPresent(a -> req.header("Authorization", a));
    if (body != null) {
      req.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      req.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> res;
    try {
      res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (javax.net.ssl.SSLHandshakeException e) {
      throw new SchemaRegistryException(what + ": TLS handshake with schema registry " + base + " failed: "
          + e.getMessage() + " (check " + RegistryClientConfig.SSL_TRUSTSTORE_LOCATION + ")", 0, e, false);
    } catch (IOException e) {
      throw new SchemaRegistryException(what + ": schema registry " + base + " unreachable: " + e, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(what + ": interrupted", 0, e);
    }
    return answer(res, base, what);
  }

  private static JsonNode answer(HttpResponse<String> res, URI base, String what) {
    int status = res.statusCode();
    if (status / 100 == 2) {
      String type = res.headers().firstValue("Content-Type").orElse("");
      if (!type.isEmpty() && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
        throw new SchemaRegistryException(what + ": schema registry " + base + " answered HTTP " + status
            + " with content type '" + type + "', not JSON: is schema.registry.url right"
            + " (Apicurio serves the Confluent API under /apis/ccompat/v7)?", status);
      }
      try {
        return JSON.readTree(res.body());
      } catch (IOException e) {
        throw new SchemaRegistryException(what + ": schema registry " + base + " answered HTTP " + status
            + " with a body that is not JSON: " + excerpt(res.body()), status, e);
      }
    }
    throw new SchemaRegistryException(
        what + ": schema registry " + base + " answered HTTP " + status + " (" + meaning(status) + "): "
            + registryMessage(res.body()), status);
  }

  private static String meaning(int status) {
    return switch (status) {
      case 401, 403 -> "credentials refused: check basic.auth.credentials.source and basic.auth.user.info";
      case 404 -> "not found";
      case 409 -> "incompatible with the subject's compatibility rule";
      case 422 -> "invalid schema or request";
      default -> status >= 500 ? "registry error" : "request refused";
    };
  }

  /** The registry's own {@code message}, or an excerpt of the body. */
  private static String registryMessage(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.hasNonNull("message")) {
        return excerpt(n.get("message").asText());
      }
    } catch (IOException e) {
      // Not JSON (a proxy's HTML page, say): show the text itself.
    }
    return excerpt(body);
  }

  private static String excerpt(String s) {
    if (s == null || s.isBlank()) {
      return "(empty body)";
    }
    String one = s.strip().replaceAll("\\s+", " ");
    return one.length() <= MAX_BODY_IN_MESSAGE ? one : one.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }
}
