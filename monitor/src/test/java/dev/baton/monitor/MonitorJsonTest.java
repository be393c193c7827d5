package dev.baton.monitor;

import static dev.baton.monitor.Events.heartbeat;
import static dev.baton.monitor.Events.installed;
import static dev.baton.monitor.Events.issued;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.MutableClock;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MonitorJsonTest {

  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void datacenterAndRollout_renderTimesAsIsoAndDurationsAsSeconds() {
    MutableClock clock = new MutableClock(T0.plusSeconds(60));
    RolloutTracker tracker = new RolloutTracker(clock, TrackerPolicy.DEFAULT);
    Instant expires = T0.plus(Duration.ofHours(4));
    tracker.onStatus(heartbeat("fra1", "eu", T0.plusSeconds(50), 1, expires));
    tracker.onIssued(issued("www", "eu", "s1", T0, expires));
    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0.plusMillis(1200), expires));

    JsonObject dc = MonitorJson.datacenter(tracker.datacenter("fra1").orElseThrow());
    assertThat(dc.getString("region")).isEqualTo("eu");
    assertThat(dc.getBoolean("covered")).isTrue();
    assertThat(dc.getBoolean("atRisk")).isFalse();
    assertThat(dc.getDouble("lastLagSeconds")).isEqualTo(1.2);
    assertThat(dc.getDouble("headroomSeconds")).isEqualTo(4 * 3600.0 - 60);
    assertThat(dc.getString("earliestExpiry")).isEqualTo("2026-12-03T16:00:00Z");
    assertThat(dc.getJsonArray("credentials").getJsonObject(0).getString("serial")).isEqualTo("s1");

    JsonObject rollout = MonitorJson.rollout(tracker.rollouts().get(0));
    assertThat(rollout.getDouble("coverage")).isEqualTo(1.0);
    assertThat(rollout.getBoolean("newest")).isTrue();
    assertThat(rollout.getJsonArray("installedBy").encode()).isEqualTo("[\"fra1\"]");

    JsonObject region = MonitorJson.region(tracker.regionCoverage().get(0));
    assertThat(region.encode()).isEqualTo(
        "{\"region\":\"eu\",\"datacenters\":1,\"newestRollouts\":1,\"installedPairs\":1,\"coverage\":1.0}");
  }
}
