package dev.baton.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry over plain HTTP, the way the Confluent REST API is specified. */
@ExtendWith(EmbeddedStackExtension.class)
class EmbeddedSchemaRegistryIT {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"dev.baton.it\","
          + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
  /** A new required field without default: a v2 reader cannot read v1 data (not BACKWARD). */
  private static final String V2_INCOMPATIBLE =
      "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"dev.baton.it\","
          + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}]}";
  /** A new optional field with a default: BACKWARD compatible. */
  private static final String V2_COMPATIBLE =
      "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"dev.baton.it\","
          + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}]}";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;

  EmbeddedSchemaRegistryIT(EmbeddedStack stack) {
    this.url = stack.schemaRegistryUrl();
  }

  @Test
  void register_thenFetchById_returnsTheSameSchema() throws Exception {
    String subject = "embedded.fetch." + System.nanoTime() + "-value";

    HttpResponse<String> registered = register(subject, V1);
    assertThat(registered.statusCode()).isEqualTo(200);
    int id = intField(registered.body(), "id");

    HttpResponse<String> fetched = get("/schemas/ids/" + id);
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.headers().firstValue("content-type")).get().asString().contains("json");
    assertThat(unescape(fetched.body())).contains("\"name\":\"Probe\"", "\"name\":\"a\"");
  }

  @Test
  void incompatibleChange_isRefusedWith409_compatibleOneAccepted() throws Exception {
    String subject = "embedded.compat." + System.nanoTime() + "-value";
    assertThat(register(subject, V1).statusCode()).isEqualTo(200);

    HttpResponse<String> refused = register(subject, V2_INCOMPATIBLE);
    HttpResponse<String> accepted = register(subject, V2_COMPATIBLE);

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(intField(refused.body(), "error_code")).isEqualTo(409);
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");
  }

  private HttpResponse<String> register(String subject, String schema) throws Exception {
    String body = "{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "/versions"))
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + path)).header("Accept", CONTENT_TYPE).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static int intField(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
    assertThat(m.find()).as("%s in %s", field, json).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static String unescape(String json) {
    return json.replace("\\\"", "\"").replace(" ", "");
  }
}
