package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
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
        "Epoch time when the datacenter's earliest-expiring newest credential expires; headroom = this - time()");
    lastHeartbeat = gauge("baton.monitor.heartbeat.last", "seconds",
        "Epoch agent time of the datacenter's newest heartbeat");
    atRiskDatacenter = gauge("baton.monitor.datacenter.at.risk", null,
        "1 when the datacenter is flagged at risk, else 0");
    risks = gauge("baton.monitor.datacenters.at.risk", null,
        "Datacenters flagged at risk, by risk (ANY: at least one)");
    datacenters = gauge("baton.monitor.datacenters", null, "Datacenters known per region");
    coverage = gauge("baton.monitor.rollout.coverage", "ratio",
        "Share of (datacenter, certificate) pairs of the region holding the newest allowed credential");
    rejected = gauge("baton.monitor.rejected.credentials", null,
        "Distinct credentials rejected, by region and reason");
    refresh();
  }

  private MultiGauge gauge(String name, String unit, String description) {
    MultiGauge.Builder b = MultiGauge.builder(name).description(description);
    return (unit == null ? b : b.baseUnit(unit)).register(registry);
  }

  /** Recomputes every gauge from the tracker's current state. */
  public void refresh() {
    List<DatacenterView> views = tracker.datacenters();
    lag.register(perDatacenter(views, d -> d.lastLag() == null ? null : d.lastLag().toMillis() / 1000.0), true);
    earliestExpiry.register(perDatacenter(views, d -> epochSeconds(d.earliestExpiry())), true);
    lastHeartbeat.register(perDatacenter(views, d -> epochSeconds(d.lastHeartbeat())), true);
    atRiskDatacenter.register(perDatacenter(views, d -> d.atRisk() ? 1 : 0), true);
    risks.register(riskRows(views), true);
    Map<String, Long> perRegion = new TreeMap<>();
    Map<Tags, Long> perReason = new HashMap<>();
    for (DatacenterView d : views) {
      perRegion.merge(d.region(), 1L, Long::sum);
      d.rejections().forEach((reason, n) -> perReason.merge(Tags.of("region", d.region(), "reason", reason), n,
          Long::sum));
    }
    datacenters.register(rows(perRegion.entrySet(), e -> Tags.of("region", e.getKey()), Map.Entry::getValue), true);
    coverage.register(rows(tracker.regionCoverage(), c -> Tags.of("region", c.region()), RegionCoverage::ratio), true);
    rejected.register(rows(perReason.entrySet(), Map.Entry::getKey, Map.Entry::getValue), true);
  }

  private static List<MultiGauge.Row<?>> riskRows(List<DatacenterView> views) {
    Map<Risk, Integer> byRisk = new EnumMap<>(Risk.class);
    views.forEach(d -> d.risks().forEach(r -> byRisk.merge(r, 1, Integer::sum)));
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (Risk r : Risk.values()) {
      rows.add(MultiGauge.Row.of(Tags.of("risk", r.name()), byRisk.getOrDefault(r, 0)));
    }
    rows.add(MultiGauge.Row.of(Tags.of("risk", "ANY"), views.stream().filter(DatacenterView::atRisk).count()));
    return rows;
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

  /** One row per datacenter (labels region, datacenter) whose value is known. */
  private static List<MultiGauge.Row<?>> perDatacenter(List<DatacenterView> views,
      Function<DatacenterView, Number> value) {
    return rows(views, d -> Tags.of("region", d.region(), "datacenter", d.datacenter()), value);
  }

  private static <T> List<MultiGauge.Row<?>> rows(Collection<T> items, Function<T, Tags> tags,
      Function<T, Number> value) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (T item : items) {
      Number v = value.apply(item);
      if (v != null) {
        rows.add(MultiGauge.Row.of(tags.apply(item), v));
      }
    }
    return rows;
  }

  private static Long epochSeconds(Instant t) {
    return t == null ? null : t.getEpochSecond();
  }
}
