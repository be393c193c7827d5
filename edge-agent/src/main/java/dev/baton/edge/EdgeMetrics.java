package dev.baton.edge;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.RejectReason;
import dev.baton.edge.store.InstalledCredentials;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The agent's metrics. No per-certificate series: the cardinality stays fixed however many
 * certificates an edge holds. Counters are thread-safe; gauges read the current snapshot.
 */
public final class EdgeMetrics {

  private final Counter installs;
  private final Counter removals;
  private final Counter redeliveries;
  private final Map<RejectReason, Counter> rejections = new EnumMap<>(RejectReason.class);
  private final AtomicLong lastInstallEpochMillis = new AtomicLong();

  public EdgeMetrics(MeterRegistry registry, Supplier<InstalledCredentials> credentials) {
    requireNonNull(registry, "registry must not be null");
    requireNonNull(credentials, "credentials must not be null");
    installs = Counter.builder("baton.edge.installs").description("Credentials installed").register(registry);
    removals = Counter.builder("baton.edge.removals").description("Certificates purged by tombstones").register(registry);
    redeliveries = Counter.builder("baton.edge.redeliveries")
        .description("Records for a credential already installed (acknowledged again)").register(registry);
    for (RejectReason reason : RejectReason.values()) {
      rejections.put(reason, Counter.builder("baton.edge.rejections").description("Records rejected, by reason")
          .tag("reason", reason.name()).register(registry));
    }
    Gauge.builder("baton.edge.last.install.timestamp.seconds", lastInstallEpochMillis, v -> v.get() / 1000.0)
        .description("When the last credential was installed (0: none since start)").register(registry);
    Gauge.builder("baton.edge.earliest.expiry.timestamp.seconds", credentials,
            c -> c.get().earliestExpiry().map(i -> i.toEpochMilli() / 1000.0).orElse(0.0))
        .description("Earliest expiry among the newest credential of each certificate (0: none)").register(registry);
    Gauge.builder("baton.edge.credentials.installed", credentials, c -> c.get().size())
        .description("Certificates with a credential installed").register(registry);
  }

  void installed(Instant at) {
    installs.increment();
    lastInstallEpochMillis.set(at.toEpochMilli());
  }

  void redelivered() {
    redeliveries.increment();
  }

  void rejected(RejectReason reason) {
    rejections.get(reason).increment();
  }

  void removed() {
    removals.increment();
  }

  /** Installs counted since start. */
  public double installs() {
    return installs.count();
  }

  /** Rejections of one reason counted since start. */
  public double rejections(RejectReason reason) {
    return rejections.get(reason).count();
  }
}
