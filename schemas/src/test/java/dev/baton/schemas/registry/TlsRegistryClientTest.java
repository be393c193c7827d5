package dev.baton.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.baton.avro.v1.GeoPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry client over https:// on loopback, trusting exactly the configured truststore. */
class TlsRegistryClientTest {

  private static final String PASSWORD = "test-store-pw";

  @TempDir
  static Path dir;

  private static HttpsServer server;
  private static Path serverStore;
  private static Path caPem;

  @BeforeAll
  static void startHttpsServer() throws Exception {
    serverStore = dir.resolve("server.p12");
    caPem = dir.resolve("server.pem");
    keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", serverStore.toString(), "-storepass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "registry", "-keystore", serverStore.toString(),
        "-storepass", PASSWORD, "-file", caPem.toString());

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(serverStore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ctx));
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] body = "{\"id\":5}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void pemTruststore_trustsTheRegistryCertificate() {
    HttpSchemaRegistryClient c = HttpSchemaRegistryClient.create(List.of(url()), Map.of(
        RegistryClientConfig.SSL_TRUSTSTORE_LOCATION, caPem.toString(),
        RegistryClientConfig.SSL_TRUSTSTORE_TYPE, "PEM"));
    assertThat(c.register("s", GeoPolicy.getClassSchema())).isEqualTo(5);
  }

  @Test
  void pkcs12Truststore_withPassword_trustsTheRegistryCertificate() {
    HttpSchemaRegistryClient c = HttpSchemaRegistryClient.create(List.of(url()), Map.of(
        RegistryClientConfig.SSL_TRUSTSTORE_LOCATION, serverStore.toString(),
        RegistryClientConfig.SSL_TRUSTSTORE_PASSWORD, PASSWORD,
        RegistryClientConfig.SSL_TRUSTSTORE_TYPE, "PKCS12"));
    assertThat(c.register("s", GeoPolicy.getClassSchema())).isEqualTo(5);
  }

  @Test
  void withoutTruststore_theSelfSignedRegistryIsRefused_withoutRetrying() {
    HttpSchemaRegistryClient c = HttpSchemaRegistryClient.create(List.of(url()), Map.of(
        RegistryClientConfig.RETRIES_WAIT_MS, "1"));
    assertThatThrownBy(() -> c.register("s", GeoPolicy.getClassSchema()))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("TLS handshake with schema registry " + url() + " failed")
        .hasMessageContaining("schema.registry.ssl.truststore.location");
  }

  @Test
  void wrongTruststorePassword_namesTheSettings() {
    assertThatThrownBy(() -> HttpSchemaRegistryClient.create(List.of(url()), Map.of(
        RegistryClientConfig.SSL_TRUSTSTORE_LOCATION, serverStore.toString(),
        RegistryClientConfig.SSL_TRUSTSTORE_PASSWORD, "wrong",
        RegistryClientConfig.SSL_TRUSTSTORE_TYPE, "PKCS12")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot load schema.registry.ssl.truststore.location")
        .hasMessageContaining("check schema.registry.ssl.truststore.password")
        .message().doesNotContain("wrong");
  }
}
