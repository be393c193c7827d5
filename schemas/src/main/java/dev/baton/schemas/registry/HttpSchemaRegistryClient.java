package dev.baton.schemas.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (also served by Apicurio at
 * {@code /apis/ccompat/v7}). Decides on HTTP status codes, not on {@code error_code}, because
 * registries differ there.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT = CONTENT_TYPE + ", application/json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<URI> baseUrls;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

  private HttpSchemaRegistryClient(List<URI> baseUrls, Duration timeout) {
    this.baseUrls = List.copyOf(baseUrls);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A client of the registries at these URLs (tried in order). */
  public static HttpSchemaRegistryClient create(List<String> urls, Map<String, ?> configs) {
    requireNonNull(urls, "urls must not be null");
    requireNonNull(configs, "configs must not be null");
    List<URI> uris = urls.stream().map(HttpSchemaRegistryClient::baseUri).toList();
    return new HttpSchemaRegistryClient(uris, Duration.ofSeconds(10));
  }

  private static URI baseUri(String url) {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    URI uri = URI.create(u);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("schema.registry.url '" + url + "' must be http:// or https://");
    }
    return uri;
  }

  @Override
  public int register(String subject, Schema schema) {
    String key = subject + '\0' + schema;
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "/subjects/" + enc(subject) + "/versions", schemaBody(schema));
    int id = answer.path("id").asInt();
    idsBySubjectSchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public int lookup(String subject, Schema schema) {
    String key = subject + '\0' + schema;
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "/subjects/" + enc(subject), schemaBody(schema));
    int id = answer.path("id").asInt();
    idsBySubjectSchema.put(key, id);
    return id;
  }

  @Override
  public Schema byId(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("GET", "/schemas/ids/" + id, null);
    Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
    schemasById.putIfAbsent(id, schema);
    return schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    JsonNode answer = send("GET", "/subjects/" + enc(subject) + "/versions/latest", null);
    Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
    int id = answer.path("id").asInt();
    schemasById.putIfAbsent(id, schema);
    return new RegisteredSchema(subject, id, answer.path("version").asInt(), schema);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode answer = send(
          "POST", "/compatibility/subjects/" + enc(subject) + "/versions/latest", schemaBody(schema));
      return answer.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        return true; // nothing registered yet: anything is compatible
      }
      throw e;
    }
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has no close() on Java 17; its threads die with their references.
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String path, String body) {
    SchemaRegistryException last = null;
    for (URI base : baseUrls) {
      URI uri = URI.create(base + path);
      HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", ACCEPT);
      if (body != null) {
        req.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
      } else {
        req.method(method, HttpRequest.BodyPublishers.noBody());
      }
      try {
        HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 == 2) {
          return JSON.readTree(res.body());
        }
        throw new SchemaRegistryException(
            method + " " + uri + " answered HTTP " + res.statusCode() + ": " + res.body(), res.statusCode());
      } catch (IOException e) {
        last = new SchemaRegistryException(method + " " + uri + " failed: " + e, 0, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(method + " " + uri + " interrupted", 0, e);
      }
    }
    throw last;
  }
}
