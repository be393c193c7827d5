package dev.baton.distributor;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The distributor's own meters. Under exactly-once a counter may count a record of an aborted
 * transaction that is then processed again, so the counters are "at least", the topics exact.
 */
public final class DistributorMetrics {

  /** Streams config key under which the dead-letter handlers find this object. */
  public static final String CONFIG_KEY = "baton.distributor.metrics";

  private final MeterRegistry registry;

  public DistributorMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry must not be null");
  }

  /** Metrics kept in memory only (tests, or a topology built without a service around it). */
  public static DistributorMetrics inMemory() {
    return new DistributorMetrics(new SimpleMeterRegistry());
  }

  /** The registry the meters live in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** A credential went to a region topic. */
  public void routed(String region) {
    counter("baton.distributor.routed", "credentials written to a region topic", "region", region).increment();
  }

  /** A tombstone went to a region topic because the policy dropped the region. */
  public void tombstone(String region) {
    counter("baton.distributor.tombstones", "tombstones written because a policy dropped a region", "region", region)
        .increment();
  }

  /** A record went to the dead-letter topic. */
  public void deadLettered(DeadLetterReason reason) {
    counter("baton.distributor.dlq", "records written to the dead-letter topic", "reason", reason.code()).increment();
  }

  /** A credential arrived that is not newer than the one already held for its pair. */
  public void superseded() {
    counter("baton.distributor.superseded", "credentials ignored because a newer one is held", null, null)
        .increment();
  }

  /** A policy record changed what a certificate may hold. */
  public void policyApplied() {
    counter("baton.distributor.policies", "policy records applied", null, null).increment();
  }

  /** The count of one meter (tests and diagnostics); 0 when it was never incremented. */
  public double count(String name, String tagKey, String tagValue) {
    Counter c = tagKey == null ? registry.find(name).counter() : registry.find(name).tag(tagKey, tagValue).counter();
    return c == null ? 0 : c.count();
  }

  private Counter counter(String name, String description, String tagKey, String tagValue) {
    Counter.Builder b = Counter.builder(name).description(description);
    if (tagKey != null) {
      b.tag(tagKey, tagValue);
    }
    return b.register(registry);
  }
}
