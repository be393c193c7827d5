package dev.baton.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.schemas.registry.FakeRegistryServer.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

  private static final Schema SCHEMA = GeoPolicy.getClassSchema();
  private static final String ID_7 = "{\"id\":7}";

  private FakeRegistryServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new FakeRegistryServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** A client with fast retries (1 ms) so failure tests do not wait. */
  private HttpSchemaRegistryClient client(Map<String, String> extra, String... urls) {
    Map<String, String> cfg = new HashMap<>(Map.of(
        RegistryClientConfig.RETRIES_WAIT_MS, "1", RegistryClientConfig.RETRIES_MAX_WAIT_MS, "2",
        RegistryClientConfig.MAX_RETRIES, "2"));
    cfg.putAll(extra);
    return HttpSchemaRegistryClient.create(urls.length == 0 ? List.of(server.url()) : List.of(urls), cfg);
  }

  private HttpSchemaRegistryClient client() {
    return client(Map.of());
  }

  private static String schemaAnswer(int id) {
    return "{\"subject\":\"s\",\"id\":" + id + ",\"version\":1,\"schema\":"
        + new ObjectMapper().valueToTree(SCHEMA.toString()) + "}";
  }

  @Test
  void register_postsSchemaToStringWithConfluentContentType() {
    server.reply(200, ID_7);
    assertThat(client().register("baton.policy-value", SCHEMA)).isEqualTo(7);
    FakeRegistryServer.Request r = server.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/subjects/baton.policy-value/versions");
    assertThat(r.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(r.accept()).contains("application/vnd.schemaregistry.v1+json").contains("application/json");
    assertThat(jsonField(r.body(), "schema")).isEqualTo(SCHEMA.toString());
  }

  private static String jsonField(String json, String field) {
    try {
      return new ObjectMapper().readTree(json).get(field).asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void register_cachesBothWays_noSecondRequestForSameSchemaOrItsId() {
    server.reply(200, ID_7);
    HttpSchemaRegistryClient c = client();
    c.register("s", SCHEMA);
    assertThat(c.register("s", SCHEMA)).isEqualTo(7);
    assertThat(c.lookup("s", SCHEMA)).isEqualTo(7);
    assertThat(c.byId(7)).isEqualTo(SCHEMA);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void byId_fetchesOnce_thenServesFromCache() {
    server.reply(200, schemaAnswer(3));
    HttpSchemaRegistryClient c = client();
    assertThat(c.byId(3)).isEqualTo(SCHEMA);
    assertThat(c.byId(3)).isEqualTo(SCHEMA);
    assertThat(server.requests()).extracting(FakeRegistryServer.Request::path).containsExactly("/schemas/ids/3");
  }

  @Test
  void answerWithPlainApplicationJson_isAccepted() {
    server.reply(new Reply(200, "application/json", ID_7, Duration.ZERO));
    assertThat(client().lookup("s", SCHEMA)).isEqualTo(7);
    assertThat(server.requests().get(0).path()).isEqualTo("/subjects/s");
  }

  @Test
  void answerInHtml_isRefused_withHintAboutTheUrl() {
    server.reply(new Reply(200, "text/html", "<html>welcome</html>", Duration.ZERO));
    assertThatThrownBy(() -> client().byId(1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("content type 'text/html'")
        .hasMessageContaining("/apis/ccompat/v7");
  }

  @Test
  void latest_returnsIdVersionAndSchema() {
    server.reply(200, schemaAnswer(12));
    RegisteredSchema latest = client().latest("baton.policy-value");
    assertThat(latest.id()).isEqualTo(12);
    assertThat(latest.version()).isEqualTo(1);
    assertThat(latest.schema()).isEqualTo(SCHEMA);
    assertThat(server.requests().get(0).path()).isEqualTo("/subjects/baton.policy-value/versions/latest");
  }

  @Test
  void server5xx_isRetried_untilItAnswers() {
    server.reply(503, "{\"message\":\"busy\"}").reply(502, "bad gateway").reply(200, ID_7);
    assertThat(client().register("s", SCHEMA)).isEqualTo(7);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void server5xx_forever_failsAfterBoundedRetries_namingStatusAndAttempts() {
    server.always(503, "{\"error_code\":50301,\"message\":\"backend down\"}");
    assertThatThrownBy(() -> client().register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(503);
          assertThat(e.isRetriable()).isTrue();
        })
        .hasMessageContaining("register dev.baton.avro.v1.GeoPolicy under subject 's' failed after 3 attempt(s)")
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("backend down");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void conflict409_isIncompatible_andNotRetried_evenWithoutConfluentErrorCode() {
    // Apicurio answers 409 with its own body; Confluent adds error_code 409 too. The status decides.
    server.reply(409, "{\"message\":\"Incompatible schema\"}");
    assertThatThrownBy(() -> client().register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue())
        .hasMessageContaining("HTTP 409 (incompatible")
        .hasMessageContaining("Incompatible schema");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void notFound404_isNotFound_andNotRetried() {
    server.reply(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
    assertThatThrownBy(() -> client().lookup("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue())
        .hasMessageContaining("look up dev.baton.avro.v1.GeoPolicy under subject 's'")
        .hasMessageContaining("HTTP 404 (not found): Schema not found");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void errorCodeInBody_doesNotOverrideStatus() {
    // A 200 carrying an error_code is still a success; only the status counts.
    server.reply(200, "{\"id\":9,\"error_code\":40901}");
    assertThat(client().register("s", SCHEMA)).isEqualTo(9);
  }

  @Test
  void isCompatible_readsVerdict_andTreatsUnknownSubjectAsCompatible() {
    server.reply(200, "{\"is_compatible\":false}").reply(404, "{\"message\":\"Subject not found\"}");
    HttpSchemaRegistryClient c = client();
    assertThat(c.isCompatible("s", SCHEMA)).isFalse();
    assertThat(c.isCompatible("s", SCHEMA)).isTrue();
    assertThat(server.requests().get(0).path()).isEqualTo("/compatibility/subjects/s/versions/latest");
  }

  @Test
  void userInfo_sendsBasicAuthorizationHeader() {
    server.reply(200, ID_7);
    client(Map.of(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
        RegistryClientConfig.BASIC_AUTH_USER_INFO, "alice:s3cr3t")).register("s", SCHEMA);
    assertThat(server.requests().get(0).authorization()).isEqualTo(
        "Basic " + Base64.getEncoder().encodeToString("alice:s3cr3t".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void noAuthConfigured_sendsNoAuthorizationHeader() {
    server.reply(200, ID_7);
    client().register("s", SCHEMA);
    assertThat(server.requests().get(0).authorization()).isNull();
  }

  @Test
  void unauthorized401_isNotRetried_andNeverShowsThePassword() {
    server.always(401, "{\"message\":\"Unauthorized\"}");
    HttpSchemaRegistryClient c = client(Map.of(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
        RegistryClientConfig.BASIC_AUTH_USER_INFO, "alice:s3cr3t"));
    assertThatThrownBy(() -> c.register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isUnauthorized()).isTrue())
        .hasMessageContaining("HTTP 401 (credentials refused: check basic.auth.credentials.source")
        .message().doesNotContain("s3cr3t");
    assertThat(server.requests()).hasSize(1);
    assertThat(c.toString()).contains("alice:********").doesNotContain("s3cr3t");
  }

  @Test
  void connectionRefused_failsOverToTheNextUrl() throws IOException {
    server.reply(200, ID_7);
    String dead = "http://127.0.0.1:" + freePortNobodyListensOn();
    HttpSchemaRegistryClient c = client(Map.of(RegistryClientConfig.MAX_RETRIES, "0"), dead, server.url());
    assertThat(c.register("s", SCHEMA)).isEqualTo(7);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void connectionRefusedEverywhere_failsWithStatusZero_namingTheUrls() throws IOException {
    String dead = "http://127.0.0.1:" + freePortNobodyListensOn();
    assertThatThrownBy(() -> client(Map.of(), dead).byId(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isZero();
          assertThat(e.isRetriable()).isTrue();
        })
        .hasMessageContaining("get schema id 1 failed after 3 attempt(s) on [" + dead + "]")
        .hasMessageContaining("unreachable");
  }

  @Test
  void slowAnswer_hitsTheRequestTimeout_andIsRetried() {
    server.reply(new Reply(200, RegistryTransport.CONTENT_TYPE, ID_7, Duration.ofSeconds(3))).reply(200, ID_7);
    HttpSchemaRegistryClient c = client(Map.of(RegistryClientConfig.READ_TIMEOUT_MS, "200"));
    assertThat(c.register("s", SCHEMA)).isEqualTo(7);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void subjectWithSpecialCharacters_isPercentEncoded() {
    server.reply(200, ID_7);
    client().register("a b/c", SCHEMA);
    assertThat(server.requests().get(0).path()).isEqualTo("/subjects/a%20b%2Fc/versions");
  }

  @Test
  void answerWithoutId_isAClearError() {
    server.reply(200, "{\"version\":1}");
    assertThatThrownBy(() -> client().register("s", SCHEMA))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("the registry's answer has no integer id");
  }

  @Test
  void setCompatibility_putsTheLevelOnTheSubjectConfig() {
    server.reply(200, "{\"compatibility\":\"FULL\"}");
    client().setCompatibility("baton.policy-value", "FULL");
    FakeRegistryServer.Request r = server.requests().get(0);
    assertThat(r.method()).isEqualTo("PUT");
    assertThat(r.path()).isEqualTo("/config/baton.policy-value");
    assertThat(jsonField(r.body(), "compatibility")).isEqualTo("FULL");
  }

  private static int freePortNobodyListensOn() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
