package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.issuer.inventory.InventoryEntry;
import dev.baton.issuer.inventory.InventoryScan;
import dev.baton.issuer.inventory.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The issuer's metrics. Times are absolute (epoch seconds), not countdowns, so an alert compares
 * them with {@code time()} and a stalled issuer cannot hide behind a frozen countdown.
 */
public final class IssuerMetrics {

  private static final String PREFIX = "baton.issuer.";

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lastMintByRegion = new ConcurrentHashMap<>();
  private final AtomicLong lastMint = new AtomicLong();
  private final AtomicLong validCertificates = new AtomicLong();
  private final AtomicLong rejectedCertificates = new AtomicLong();
  private final AtomicLong regions = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final MultiGauge certificateExpiry;
  private final MultiGauge certificateExpiring;
  private final MultiGauge nextMint;
  // MultiGauge rows are weakly referenced by the gauges; these lists keep them alive.
  private List<MultiGauge.Row<?>> certificateRows = List.of();
  private List<MultiGauge.Row<?>> expiringRows = List.of();
  private List<MultiGauge.Row<?>> nextMintRows = List.of();

  public IssuerMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry must not be null");
    Gauge.builder(PREFIX + "last.mint.time", lastMint, AtomicLong::get).baseUnit("seconds")
        .description("When the last credential was acked by Kafka (epoch seconds; 0: never)").register(registry);
    Gauge.builder(PREFIX + "inventory.certificates", validCertificates, AtomicLong::get).tag("state", "valid")
        .description("Certificates in the inventory").register(registry);
    Gauge.builder(PREFIX + "inventory.certificates", rejectedCertificates, AtomicLong::get).tag("state", "rejected")
        .description("Certificates in the inventory").register(registry);
    Gauge.builder(PREFIX + "regions", regions, AtomicLong::get).description("Regions with a public key").register(registry);
    Gauge.builder(PREFIX + "credentials.in.flight", inFlight, AtomicLong::get)
        .description("Credentials sent but not yet acked").register(registry);
    certificateExpiry = MultiGauge.builder(PREFIX + "certificate.expiry.time").baseUnit("seconds")
        .description("notAfter of each delegation certificate (epoch seconds)").register(registry);
    certificateExpiring = MultiGauge.builder(PREFIX + "certificate.expiring")
        .description("1 when a certificate expires within two credential lifetimes: renew it").register(registry);
    nextMint = MultiGauge.builder(PREFIX + "next.mint.time").baseUnit("seconds")
        .description("When each (certificate, region) is next due (epoch seconds)").register(registry);
  }

  /** A credential was acked. */
  public void minted(PairKey pair, Decision.Reason reason, Instant at) {
    Counter.builder(PREFIX + "credentials.minted").tag("region", pair.region()).tag("reason", reason.name())
        .description("Credentials minted and acked by Kafka").register(registry).increment();
    lastMint.set(at.getEpochSecond());
    lastMintByRegion.computeIfAbsent(pair.region(), r -> {
      AtomicLong v = new AtomicLong();
      Gauge.builder(PREFIX + "region.last.mint.time", v, AtomicLong::get).tag("region", r).baseUnit("seconds")
          .description("When the last credential of a region was acked (epoch seconds)").register(registry);
      return v;
    }).set(at.getEpochSecond());
  }

  /** A mint attempt failed; {@code reason} is a short category (policy, seal, send, ...). */
  public void mintFailed(String reason) {
    Counter.builder(PREFIX + "mint.failures").tag("reason", reason)
        .description("Failed mint attempts (each is retried)").register(registry).increment();
  }

  /** A record on a topic could not be used. */
  public void poisonRecord(String topic) {
    Counter.builder(PREFIX + "poison.records").tag("topic", topic)
        .description("Records skipped because they do not decode or are invalid").register(registry).increment();
  }

  /** The inventory as scanned; counts each new rejection once. */
  public void inventory(InventoryScan scan, Predicate<Instant> expiringSoon) {
    validCertificates.set(scan.valid().size());
    rejectedCertificates.set(scan.rejected().size());
    for (Rejection r : scan.newRejections()) {
      Counter.builder(PREFIX + "inventory.rejections").tag("reason", r.reason().name())
          .description("Inventory entries found unusable").register(registry).increment();
    }
    List<MultiGauge.Row<?>> expiry = new ArrayList<>();
    List<MultiGauge.Row<?>> expiring = new ArrayList<>();
    for (InventoryEntry e : scan.valid().values()) {
      Tags tags = Tags.of("certificate", e.id());
      expiry.add(MultiGauge.Row.of(tags, e.notAfter().getEpochSecond()));
      expiring.add(MultiGauge.Row.of(tags, expiringSoon.test(e.notAfter()) ? 1 : 0));
    }
    certificateRows = expiry;
    expiringRows = expiring;
    certificateExpiry.register(certificateRows, true);
    certificateExpiring.register(expiringRows, true);
  }

  public void regions(int count) {
    regions.set(count);
  }

  public void inFlight(int count) {
    inFlight.set(count);
  }

  /** The next due time of every scheduled pair (pairs on hold are left out). */
  public void nextMints(Map<PairKey, Instant> due) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    due.forEach((pair, at) -> rows.add(MultiGauge.Row.of(
        Tags.of("certificate", pair.certificateId(), "region", pair.region()), at.getEpochSecond())));
    nextMintRows = rows;
    nextMint.register(nextMintRows, true);
  }
}
