package dev.baton.monitor;

import static dev.baton.monitor.Events.heartbeat;
import static dev.baton.monitor.Events.installed;
import static dev.baton.monitor.Events.issued;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.MutableClock;
import dev.baton.avro.v1.RejectReason;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MonitorMetricsTest {

  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final RolloutTracker tracker = new RolloutTracker(clock, TrackerPolicy.DEFAULT);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MonitorMetrics metrics = new MonitorMetrics(registry, tracker);

  @Test
  void scrape_showsLagExpiryCoverageAndRisk_perRegionAndDatacenter_withoutCertificateLabels() {
    Instant expires = T0.plus(Duration.ofMinutes(50));
    tracker.onStatus(heartbeat("fra1", "eu", T0, 1, null));
    tracker.onStatus(heartbeat("ams1", "eu", T0, 0, null));
    tracker.onIssued(issued("www", "eu", "serial-1", T0, expires));
    tracker.onStatus(installed("fra1", "eu", "www", "serial-1", T0, T0.plusMillis(2250), expires));
    tracker.onStatus(Events.rejected("ams1", "eu", "www", "serial-0", RejectReason.EXPIRED, T0));

    metrics.refresh();
    String scrape = registry.scrape();

    assertThat(scrape)
        .contains("baton_monitor_rollout_lag_seconds{datacenter=\"fra1\",region=\"eu\"} 2.25")
        .contains("baton_monitor_credential_earliest_expiry_seconds{datacenter=\"fra1\",region=\"eu\"} "
            + (double) expires.getEpochSecond())
        .contains("baton_monitor_rollout_coverage_ratio{region=\"eu\"} 0.5")
        .contains("baton_monitor_datacenters{region=\"eu\"} 2.0")
        .contains("baton_monitor_datacenter_at_risk{datacenter=\"fra1\",region=\"eu\"} 1.0")
        .contains("baton_monitor_datacenters_at_risk{risk=\"LOW_HEADROOM\"} 1.0")
        .contains("baton_monitor_datacenters_at_risk{risk=\"ANY\"} 1.0")
        .contains("baton_monitor_rejected_credentials{reason=\"EXPIRED\",region=\"eu\"} 1.0")
        .doesNotContain("www").doesNotContain("serial-1").doesNotContain("certificate=");
    assertThat(scrape).doesNotContain("baton_monitor_rollout_lag_seconds{datacenter=\"ams1\"");
  }

  @Test
  void forgottenDatacenter_disappearsFromTheGauges() {
    tracker.onStatus(heartbeat("fra1", "eu", T0, 0, null));
    metrics.refresh();
    assertThat(registry.scrape()).contains("baton_monitor_heartbeat_last_seconds{datacenter=\"fra1\"");

    clock.advance(Duration.ofDays(8));
    tracker.prune();
    metrics.refresh();
    assertThat(registry.scrape()).doesNotContain("datacenter=\"fra1\"");
  }

  @Test
  void deadLetters_areCountedByTopicAndReason() {
    metrics.deadLettered("baton.rollout.status", "UNREADABLE");
    metrics.deadLettered("baton.rollout.status", "UNREADABLE");

    assertThat(registry.scrape())
        .contains("baton_monitor_dead_letters_total{reason=\"UNREADABLE\",topic=\"baton.rollout.status\"} 2.0");
  }
}
