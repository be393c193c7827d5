package dev.baton.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.MutableClock;
import dev.baton.credentials.MintedCredential;
import dev.baton.edge.store.InstalledCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeReadinessTest {

  final MutableClock clock = new MutableClock(Instant.now());
  final EdgeFixture fx = new EdgeFixture("ready", clock);
  final EdgeFixture.Delegation d = fx.delegation("web.example.test");

  InstalledCredentials held(MintedCredential m) {
    return new InstalledCredentials(Map.of("web", List.of(EdgeFixture.installed("web", d, m))));
  }

  @Test
  void freshness_credentialInsideSafetyMargin_isNotReady() {
    MintedCredential m = fx.mint(d, Duration.ofHours(2));
    InstalledCredentials held = held(m);

    assertThat(EdgeReadiness.freshness(held, Duration.ofHours(1), clock.instant()).ready()).isTrue();
    clock.advance(Duration.ofMinutes(61));
    var later = EdgeReadiness.freshness(held, Duration.ofHours(1), clock.instant());
    assertThat(later.ready()).isFalse();
    assertThat(later.detail()).contains(m.credential().serial()).contains("safety margin");
    assertThat(EdgeReadiness.freshness(InstalledCredentials.EMPTY, Duration.ofHours(1), clock.instant()).ready()).isTrue();
  }

  @Test
  void credentialsJson_listsCurrentCredentialsWithoutKeys() {
    MintedCredential m = fx.mint(d, Duration.ofHours(2));
    InstalledCredentials held = held(m);
    var json = CredentialsRoute.json(held, clock.instant());
    assertThat(json.getJsonObject(0).getString("serial")).isEqualTo(m.credential().serial());
    assertThat(json.getJsonObject(0).getLong("remainingSeconds")).isBetween(7190L, 7200L);
    assertThat(json.getJsonObject(0).getString("remaining")).matches("PT1H59M5\\dS|PT2H");
    assertThat(json.encode()).doesNotContain("PRIVATE");
  }
}
