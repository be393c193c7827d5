package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.cli.demo.KeyStoreInspector.StoredCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The mid-run policy change that shows the geo policy working: the certificate allowed in the most
 * regions loses its last region (the edges there purge its keys), then gets it back (they install
 * the newest credential again, without waiting for the issuer). Driven by {@link #tick}; each step
 * waits for what the key stores show, not for a timer.
 */
final class PolicyScript {
  /** Pause between seeing the purge and restoring the region, so a watcher can see the table. */
  static final Duration PAUSE = Duration.ofSeconds(5);

  enum Phase { IDLE, DROPPED, PURGED, RESTORED, DONE, SKIPPED }

  private final Map<String, List<String>> policy;
  private final List<Datacenter> datacenters;
  private final BiConsumer<String, List<String>> publishPolicy;
  private final Consumer<String> say;
  private final String certificate;
  private final String region;
  private volatile Phase phase = Phase.IDLE;
  private Instant since;

  /**
   * @param policy the run's current policy, updated here when the script changes it
   * @param datacenters the datacenters
   * @param publishPolicy publishes a certificate's new regions (the demo: {@code baton policy set})
   * @param say where the script tells what happens
   */
  PolicyScript(Map<String, List<String>> policy, List<Datacenter> datacenters,
      BiConsumer<String, List<String>> publishPolicy, Consumer<String> say) {
    this.policy = requireNonNull(policy, "policy must not be null");
    this.datacenters = List.copyOf(datacenters);
    this.publishPolicy = requireNonNull(publishPolicy, "publishPolicy must not be null");
    this.say = requireNonNull(say, "say must not be null");
    String best = null;
    for (Map.Entry<String, List<String>> e : policy.entrySet()) {
      boolean served = e.getValue().stream().anyMatch(r -> datacenters.stream().anyMatch(dc -> dc.region().equals(r)));
      if (served && e.getValue().size() >= 2 && (best == null || e.getValue().size() > policy.get(best).size())) {
        best = e.getKey();
      }
    }
    this.certificate = best;
    this.region = best == null ? null : lastServedRegion(policy.get(best));
  }

  Phase phase() {
    return phase;
  }

  /** Starts the script (drops the region), or says why there is nothing to show. */
  synchronized void begin(Instant now) {
    if (phase != Phase.IDLE) {
      return;
    }
    if (certificate == null) {
      say.accept("policy change skipped: no certificate is allowed in two regions with datacenters");
      phase = Phase.SKIPPED;
      return;
    }
    List<String> fewer = new ArrayList<>(policy.get(certificate));
    fewer.remove(region);
    say.accept("Policy change: " + certificate + " may no longer be held in " + region + "; its edges must purge it.");
    setPolicy(fewer);
    phase = Phase.DROPPED;
    since = now;
  }

  /** Advances when the key stores show the previous step done. */
  synchronized void tick(Map<String, Map<String, StoredCredential>> stores, Instant now) {
    switch (phase) {
      case DROPPED -> {
        if (regionDatacenters().stream().noneMatch(dc -> stores.getOrDefault(dc.name(), Map.of()).containsKey(certificate))) {
          say.accept("Policy took effect in " + seconds(since, now) + ": no " + region + " datacenter holds " + certificate + ".");
          phase = Phase.PURGED;
          since = now;
        }
      }
      case PURGED -> {
        if (!now.isBefore(since.plus(PAUSE))) {
          List<String> more = new ArrayList<>(policy.get(certificate));
          more.add(region);
          say.accept("Policy change: " + certificate + " is allowed in " + region + " again.");
          setPolicy(more);
          phase = Phase.RESTORED;
          since = now;
        }
      }
      case RESTORED -> {
        boolean all = regionDatacenters().stream().allMatch(dc -> {
          StoredCredential c = stores.getOrDefault(dc.name(), Map.of()).get(certificate);
          return c != null && c.valid();
        });
        if (all) {
          say.accept("Re-installed in " + seconds(since, now) + " on every " + region
              + " datacenter: the distributor re-sent the newest credential, no issuer round trip.");
          phase = Phase.DONE;
        }
      }
      default -> { }
    }
  }

  /** Tells what an edge did with the script's certificate while the script runs. */
  void onStatus(RolloutStatus s) {
    Phase p = phase;
    if (certificate == null || !certificate.equals(s.getCertificateId()) || !region.equals(s.getRegion())) {
      return;
    }
    if (p == Phase.DROPPED && s.getState() == RolloutState.REMOVED) {
      say.accept("  " + s.getDatacenter() + ": REMOVED " + certificate + " (keys overwritten and deleted)");
    } else if (p == Phase.RESTORED && s.getState() == RolloutState.INSTALLED) {
      say.accept("  " + s.getDatacenter() + ": INSTALLED " + certificate + " serial " + s.getSerial());
    } else if (s.getState() == RolloutState.REJECTED) {
      say.accept("  " + s.getDatacenter() + ": REJECTED " + certificate + ": " + s.getReasonCode() + " " + s.getReasonMessage());
    }
  }

  private void setPolicy(List<String> regions) {
    List<String> sorted = regions.stream().sorted().toList();
    publishPolicy.accept(certificate, sorted);
    policy.put(certificate, sorted);
  }

  private List<Datacenter> regionDatacenters() {
    return datacenters.stream().filter(dc -> dc.region().equals(region)).toList();
  }

  private String lastServedRegion(List<String> regions) {
    for (int i = regions.size() - 1; i >= 0; i--) {
      String r = regions.get(i);
      if (datacenters.stream().anyMatch(dc -> dc.region().equals(r))) {
        return r;
      }
    }
    return regions.get(regions.size() - 1);
  }

  private static String seconds(Instant from, Instant to) {
    return String.format("%.1f s", Duration.between(from, to).toMillis() / 1000.0);
  }
}
