package dev.baton.schemas.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent Schema Registry REST API (also served by Apicurio at
 * {@code /apis/ccompat/v7}).
 *
 * <p>Caches both ways what a registry never changes: schema by id, and id by (subject, schema).
 * Retries, failover, timeouts, auth and TLS are set by {@link RegistryClientConfig}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record SubjectSchema(String subject, Schema schema) {}

  private final RegistryClientConfig config;
  private final RegistryTransport transport;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

  HttpSchemaRegistryClient(RegistryClientConfig config, RegistryTransport transport) {
    this.config = requireNonNull(config, "config must not be null");
    this.transport = requireNonNull(transport, "transport must not be null");
  }

  /** A client with these settings. */
  public static HttpSchemaRegistryClient create(RegistryClientConfig config) {
    return new HttpSchemaRegistryClient(config, new RegistryTransport(config));
  }

  /**
   * A client of the registries at these URLs (failover in order), with the auth, TLS, timeout and
   * retry settings of a Kafka client config.
   *
   * @throws IllegalArgumentException naming the setting that is wrong
   */
  public static HttpSchemaRegistryClient create(List<String> urls, Map<String, ?> configs) {
    return create(RegistryClientConfig.parse(urls, configs));
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(requireNonNull(subject, "subject must not be null"),
        requireNonNull(schema, "schema must not be null"));
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    String what = "register " + schema.getFullName() + " under subject '" + subject + "'";
    JsonNode answer = transport.send("POST", "/subjects/" + enc(subject) + "/versions", schemaBody(schema), what);
    return remember(key, id(answer, what));
  }

  @Override
  public int lookup(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(requireNonNull(subject, "subject must not be null"),
        requireNonNull(schema, "schema must not be null"));
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    String what = "look up " + schema.getFullName() + " under subject '" + subject + "'";
    JsonNode answer = transport.send("POST", "/subjects/" + enc(subject), schemaBody(schema), what);
    return remember(key, id(answer, what));
  }

  @Override
  public Schema byId(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    String what = "get schema id " + id;
    Schema schema = parse(transport.send("GET", "/schemas/ids/" + id, null, what), what);
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous != null ? previous : schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    requireNonNull(subject, "subject must not be null");
    String what = "get the latest schema of subject '" + subject + "'";
    JsonNode answer = transport.send("GET", "/subjects/" + enc(subject) + "/versions/latest", null, what);
    Schema schema = parse(answer, what);
    int id = id(answer, what);
    schemasById.putIfAbsent(id, schema);
    return new RegisteredSchema(subject, id, answer.path("version").asInt(), schema);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    requireNonNull(subject, "subject must not be null");
    requireNonNull(schema, "schema must not be null");
    String what = "check compatibility of " + schema.getFullName() + " with subject '" + subject + "'";
    try {
      JsonNode answer = transport.send(
          "POST", "/compatibility/subjects/" + enc(subject) + "/versions/latest", schemaBody(schema), what);
      JsonNode verdict = answer.get("is_compatible");
      if (verdict == null || !verdict.isBoolean()) {
        throw new SchemaRegistryException(what + ": the answer has no boolean is_compatible: " + answer, 200);
      }
      return verdict.asBoolean();
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        return true; // nothing registered under the subject yet: anything is compatible
      }
      throw e;
    }
  }

  /**
   * Sets the compatibility rule of one subject ({@code PUT /config/{subject}}): BACKWARD, FORWARD,
   * FULL, their {@code _TRANSITIVE} forms, or NONE.
   */
  public void setCompatibility(String subject, String level) {
    requireNonNull(subject, "subject must not be null");
    requireNonNull(level, "level must not be null");
    String what = "set compatibility " + level + " on subject '" + subject + "'";
    transport.send("PUT", "/config/" + enc(subject),
        JSON.createObjectNode().put("compatibility", level).toString(), what);
  }

  /** The settings of this client (secrets masked). */
  public RegistryClientConfig config() {
    return config;
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has no close() on Java 17; its threads die with their references.
  }

  @Override
  public String toString() {
    return "HttpSchemaRegistryClient[" + config + "]";
  }

  private int remember(SubjectSchema key, int id) {
    idsBySubjectSchema.put(key, id);
    schemasById.putIfAbsent(id, key.schema());
    return id;
  }

  private static int id(JsonNode answer, String what) {
    JsonNode id = answer.get("id");
    if (id == null || !id.canConvertToInt()) {
      throw new SchemaRegistryException(what + ": the registry's answer has no integer id: " + answer, 200);
    }
    return id.asInt();
  }

  private static Schema parse(JsonNode answer, String what) {
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw new SchemaRegistryException(what + ": the registry's answer has no schema text", 200);
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(what + ": the registry returned a schema that is not valid Avro: "
          + e.getMessage(), 200, e);
    }
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
