package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The monitor's Prometheus series. Labels are region, datacenter, risk and reject reason only,
 * never certificate or serial, so the series count grows with the fleet, not with rotations.
 * Gauges are recomputed from one tracker snapshot by {@link #refresh()} (called before each scrape);
 * a datacenter the tracker forgot disappears from them.
 */
public final class MonitorMetrics implements DeadLetterListener {

  private final MeterRegistry registry;
  private final RolloutTracker tracker;
  private final MultiGauge lag;
  private final MultiGauge earliestExpiry;
  private final MultiGauge lastHeartbeat;
  private final MultiGauge atRiskDatacenter;
  private final MultiGauge risks;
  private final MultiGauge datacenters;
  private final MultiGauge coverage;
  private final MultiGauge rejected;

  /** Registers the monitor's meters in {@code registry}, reading {@code tracker}. */
  public MonitorMetrics(MeterRegistry registry, RolloutTracker tracker) {
    this.registry = requireNonNull(registry, "registry must not be null");
    this.tracker = requireNonNull(tracker, "tracker must not be null");
    lag = gauge("baton.monitor.rollout.lag", "seconds",
        "Issued-to-installed time of the datacenter's most recent install");
    earliestExpiry = gauge("baton.monitor.credential.earliest.expiry", "seconds",
        "Epoch time when the datacenter's earliest-expiring newest credential expires (headroom = this - time())");
    lastHeartbeat = gauge("baton.monitor.heartbeat.last", "seconds", "Epoch agent time of the datacenter's newest heartbeat");
    atRiskDatacenter = gauge("baton.monitor.datacenter.at.risk", null, "1 when the datacenter is flagged at risk, else 0");
    risks = gauge("baton.monitor.datacenters.at.risk", null, "Datacenters flagged at risk, by risk (one may have several)");
    datacenters = gauge("baton.monitor.datacenters", null, "Datacenters known per region");
    coverage = gauge("baton.monitor.rollout.coverage", "ratio",
        "Share of (datacenter, certificate) pairs of the region holding the newest credential");
    rejected = gauge("baton.monitor.rejected.credentials", null, "Distinct credentials rejected, by region and reason");
    refresh();
  }

  private MultiGauge gauge(String name, String unit, String description) {
    MultiGauge.Builder b = MultiGauge.builder(name).description(description);
    return (unit == null ? b : b.baseUnit(unit)).register(registry);
  }

  /** Recomputes every gauge from the tracker's current state. */
  public void refresh() {
    List<DatacenterView> views = tracker.datacenters();
    lag.register(rows(views, d -> d.lastLag() == null ? null : seconds(d.lastLag())), true);
    earliestExpiry.register(rows(views, d -> epochSeconds(d.earliestExpiry())), true);
    lastHeartbeat.register(rows(views, d -> epochSeconds(d.lastHeartbeat())), true);
    atRiskDatacenter.register(rows(views, d -> d.atRisk() ? 1 : 0), true);
    Map<Risk, Integer> byRisk = new EnumMap<>(Risk.class);
    Map<List<String>, Long> byRegionReason = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    Map<String, Integer> perRegion = new TreeMap<>();
    for (DatacenterView d : views) {
      d.risks().forEach(r -> byRisk.merge(r, 1, Integer::sum));
      d.rejections().forEach((reason, n) -> byRegionReason.merge(List.of(d.region(), reason), n, Long::sum));
      perRegion.merge(d.region(), 1, Integer::sum);
    }
    List<MultiGauge.Row<?>> riskRows = new ArrayList<>();
    for (Risk r : Risk.values()) {
      riskRows.add(MultiGauge.Row.of(Tags.of("risk", r.name()), byRisk.getOrDefault(r, 0)));
    }
    riskRows.add(MultiGauge.Row.of(Tags.of("risk", "ANY"), views.stream().filter(DatacenterView::atRisk).count()));
    risks.register(riskRows, true);
    List<MultiGauge.Row<?>> regionRows = new ArrayList<>();
    perRegion.forEach((region, n) -> regionRows.add(MultiGauge.Row.of(Tags.of("region", region), n)));
    datacenters.register(regionRows, true);
    List<MultiGauge.Row<?>> coverageRows = new ArrayList<>();
    tracker.regionCoverage().forEach(c -> coverageRows.add(MultiGauge.Row.of(Tags.of("region", c.region()), c.ratio())));
    coverage.register(coverageRows, true);
    List<MultiGauge.Row<?>> rejectedRows = new ArrayList<>();
    byRegionReason.forEach((k, n) ->
        rejectedRows.add(MultiGauge.Row.of(Tags.of("region", k.get(0), "reason", k.get(1)), n)));
    rejected.register(rejectedRows, true);
  }

  /** Counts a dead-lettered record in {@code baton_monitor_dead_letters_total{topic,reason}}. */
  @Override
  public void deadLettered(String sourceTopic, String reason) {
    Counter.builder("baton.monitor.dead.letters")
        .description("Records the monitor could not use and sent to the DLQ")
        .tags("topic", sourceTopic, "reason", reason)
        .register(registry)
        .increment();
  }

  private static List<MultiGauge.Row<?>> rows(List<DatacenterView> views, Function<DatacenterView, Number> value) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (DatacenterView d : views) {
      Number v = value.apply(d);
      if (v != null) {
        rows.add(MultiGauge.Row.of(Tags.of("region", d.region(), "datacenter", d.datacenter()), v));
      }
    }
    return rows;
  }

  private static Double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static Long epochSeconds(Instant t) {
    return t == null ? null : t.getEpochSecond();
  }
}
