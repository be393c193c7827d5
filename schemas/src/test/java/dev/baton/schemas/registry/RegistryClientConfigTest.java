package dev.baton.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientConfigTest {

  private static final List<String> URL = List.of("http://127.0.0.1:8081/apis/ccompat/v7/");

  @Test
  void defaults_areBoundedAndTrailingSlashIsDropped() {
    RegistryClientConfig c = RegistryClientConfig.parse(URL, Map.of());
    assertThat(c.urls()).containsExactly(URI.create("http://127.0.0.1:8081/apis/ccompat/v7"));
    assertThat(c.maxRetries()).isEqualTo(3);
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.userInfo()).isEmpty();
    assertThat(c.trustStore()).isEmpty();
  }

  @Test
  void toString_masksUserInfoPasswordAndTruststorePassword() {
    RegistryClientConfig c = RegistryClientConfig.parse(URL, Map.of(
        RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
        RegistryClientConfig.BASIC_AUTH_USER_INFO, "svc:hunter2",
        RegistryClientConfig.SSL_TRUSTSTORE_LOCATION, "/etc/baton/trust.p12",
        RegistryClientConfig.SSL_TRUSTSTORE_PASSWORD, "changeit-secret",
        RegistryClientConfig.SSL_TRUSTSTORE_TYPE, "pkcs12"));
    assertThat(c.toString()).contains("svc:********").contains("PKCS12")
        .doesNotContain("hunter2").doesNotContain("changeit-secret");
  }

  @Test
  void urlCredentialsSource_takesUserInfoFromUrl_andStripsItFromTheUrl() {
    RegistryClientConfig c = RegistryClientConfig.parse(List.of("https://svc:p%40ss@registry.example:8081"),
        Map.of(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"));
    assertThat(c.userInfo()).contains("svc:p@ss");
    assertThat(c.urls()).containsExactly(URI.create("https://registry.example:8081"));
    assertThat(c.toString()).doesNotContain("p@ss").doesNotContain("p%40ss");
  }

  @Test
  void userInfoSource_withoutUserInfo_namesTheKey() {
    assertThatThrownBy(() -> RegistryClientConfig.parse(URL,
        Map.of(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("basic.auth.user.info must be 'user:password'");
  }

  @Test
  void unsupportedCredentialsSource_namesKeyAndValue() {
    assertThatThrownBy(() -> RegistryClientConfig.parse(URL,
        Map.of(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT")))
        .hasMessageContaining("basic.auth.credentials.source 'SASL_INHERIT' is not supported");
  }

  @Test
  void badNumber_namesKeyAndValue() {
    assertThatThrownBy(() -> RegistryClientConfig.parse(URL, Map.of(RegistryClientConfig.MAX_RETRIES, "lots")))
        .hasMessageContaining("max.retries must be a whole number").hasMessageContaining("'lots'");
  }

  @Test
  void nonHttpUrl_isRefused_withoutEchoingCredentials() {
    assertThatThrownBy(() -> RegistryClientConfig.parse(List.of("ftp://u:pw@host"), Map.of()))
        .hasMessageContaining("must be http://host:port").message().doesNotContain("pw");
  }

  @Test
  void backoff_doublesPerRetry_isCapped_andJitteredIntoUpperHalf() {
    Duration wait = Duration.ofMillis(100);
    Duration max = Duration.ofMillis(1000);
    assertThat(RegistryTransport.backoff(1, wait, max, 0.999)).isBetween(Duration.ofMillis(99), wait);
    assertThat(RegistryTransport.backoff(1, wait, max, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(RegistryTransport.backoff(3, wait, max, 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(RegistryTransport.backoff(5, wait, max, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(RegistryTransport.backoff(60, wait, max, 0.999)).isLessThanOrEqualTo(max);
  }

  @Test
  void missingTruststore_namesTheSettingAndFile(@TempDir Path dir) {
    TrustStoreConfig t = new TrustStoreConfig(dir.resolve("nope.jks"), "pw", "jks");
    assertThatThrownBy(t::sslContext)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot load schema.registry.ssl.truststore.location '" + dir.resolve("nope.jks") + "' as JKS");
  }

  @Test
  void pemTruststoreWithoutCertificate_isRefused(@TempDir Path dir) throws IOException {
    Path pem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    assertThatThrownBy(() -> new TrustStoreConfig(pem, "", "PEM").sslContext())
        .hasMessageContaining("as PEM");
  }

  @Test
  void unknownTruststoreType_namesKeyAndValue() {
    assertThatThrownBy(() -> new TrustStoreConfig(Path.of("x"), "", "BKS"))
        .hasMessageContaining("schema.registry.ssl.truststore.type 'BKS' is not supported");
  }
}
