package dev.baton.distributor;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stateful heart of the distributor, one task per certificate partition. Two processors share
 * two stores: the newest credential per (certificate, region), keyed {@code certificateId/region}
 * so a policy change can range-scan one certificate's credentials by prefix, and the current
 * policy per certificate, so a change can be compared with what it replaces.
 *
 * <p>Why the processor API and not a KTable join: a policy change must emit several records at once
 * (the held credential of each newly allowed region, a tombstone for each dropped one) and needs the
 * previous policy; a table-table join emits one result per key change and cannot range-scan.
 */
final class Routing {

  static final String CREDENTIALS_STORE = "newest-credentials";
  static final String POLICIES_STORE = "policies";
  /** What the task last routed under: the default for certificates without a policy. */
  static final String SETTINGS_STORE = "routing-settings";
  static final String UNKNOWN_POLICY_KEY = "unknown.policy";

  private static final StringSerializer KEYS = new StringSerializer();

  private Routing() {}

  /**
   * What the routing processors need besides the record: the clock that decides expiry, the default
   * for certificates without a policy, the metrics.
   */
  record Settings(Clock clock, UnknownPolicy unknownPolicy, DistributorMetrics metrics) {
    Settings {
      requireNonNull(clock, "clock must not be null");
      requireNonNull(unknownPolicy, "unknownPolicy must not be null");
      requireNonNull(metrics, "metrics must not be null");
    }
  }

  /** A credential keyed by certificate: keep it if it is the newest of its pair, route it if allowed. */
  static final class OnCredential extends Base<CredentialIssued> {
    OnCredential(Settings settings) {
      super(settings);
    }

    @Override
    public void process(Record<String, CredentialIssued> record) {
      reconcileDefault(record);
      CredentialIssued incoming = record.value();
      String pair = Topics.credentialKey(incoming.getCertificateId(), incoming.getRegion());
      if (!Newest.replaces(incoming, credentials.get(pair))) {
        // An older (or the same) credential arriving late never replaces the newest one.
        settings.metrics().superseded();
        return;
      }
      credentials.put(pair, incoming);
      if (accessOf(policies.get(record.key())).allows(incoming.getRegion())) {
        deliver(record, incoming);
      }
    }
  }

  /** A policy keyed by certificate: send held credentials to added regions, tombstones to dropped ones. */
  static final class OnPolicy extends Base<GeoPolicy> {
    OnPolicy(Settings settings) {
      super(settings);
    }

    @Override
    public void process(Record<String, GeoPolicy> record) {
      reconcileDefault(record);
      String certificateId = record.key();
      RegionAccess before = accessOf(policies.get(certificateId));
      RegionAccess after = accessOf(record.value());
      if (record.value() == null) {
        policies.delete(certificateId);
      } else {
        policies.put(certificateId, record.value());
      }
      settings.metrics().policyApplied();
      // Only regions holding a credential can need a record: elsewhere nothing was ever sent.
      heldCredentials(certificateId).forEach((region, credential) -> {
        boolean was = before.allows(region);
        boolean is = after.allows(region);
        if (!was && is) {
          deliver(record, credential);
        } else if (was && !is) {
          tombstone(record, certificateId, region);
        }
      });
    }

    /** The newest credential of each region of one certificate, by region. */
    private Map<String, CredentialIssued> heldCredentials(String certificateId) {
      Map<String, CredentialIssued> held = new TreeMap<>();
      try (KeyValueIterator<String, CredentialIssued> it = credentials.prefixScan(certificateId + "/", KEYS)) {
        // Certificate ids may contain '/': "a/" also prefixes "a/b/eu", so check the value's owner.
        it.forEachRemaining(kv -> {
          if (certificateId.equals(kv.value.getCertificateId())) {
            held.put(kv.value.getRegion(), kv.value);
          }
        });
      }
      return held;
    }
  }

  /** Store access and the two ways a record leaves: to a region (or DLQ when expired), or as a tombstone. */
  abstract static class Base<V> implements Processor<String, V, String, Outbound> {
    final Settings settings;
    ProcessorContext<String, Outbound> context;
    KeyValueStore<String, CredentialIssued> credentials;
    KeyValueStore<String, GeoPolicy> policies;
    KeyValueStore<String, String> routingSettings;
    private boolean reconciled;

    Base(Settings settings) {
      this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
      this.context = context;
      this.credentials = context.getStateStore(CREDENTIALS_STORE);
      this.policies = context.getStateStore(POLICIES_STORE);
      this.routingSettings = context.getStateStore(SETTINGS_STORE);
      // A task that gets no record still applies a changed default, soon after it starts.
      Cancellable[] once = new Cancellable[1];
      once[0] = context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> {
        once[0].cancel();
        reconcileDefault(new Record<>("", null, now));
      });
    }

    /**
     * Applies a changed {@code distributor.unknown.policy} (it changes across restarts) to the
     * certificates without a policy before anything else is routed: {@code deny -> all} sends
     * their held credentials, {@code all -> deny} revokes them. Runs once per task; the store
     * makes it idempotent across the two processors and restarts.
     */
    final void reconcileDefault(Record<String, ?> trigger) {
      if (reconciled) {
        return;
      }
      reconciled = true;
      String current = settings.unknownPolicy().configName();
      String previous = routingSettings.get(UNKNOWN_POLICY_KEY);
      routingSettings.put(UNKNOWN_POLICY_KEY, current);
      if (previous == null || previous.equals(current)) {
        return; // first start, or unchanged
      }
      boolean before = UnknownPolicy.ALL.configName().equals(previous);
      boolean after = settings.unknownPolicy() == UnknownPolicy.ALL;
      try (KeyValueIterator<String, CredentialIssued> it = credentials.all()) {
        it.forEachRemaining(kv -> {
          if (policies.get(kv.value.getCertificateId()) == null) {
            if (after && !before) {
              deliver(trigger, kv.value);
            } else if (before && !after) {
              tombstone(trigger, kv.value.getCertificateId(), kv.value.getRegion());
            }
          }
        });
      }
    }

    final RegionAccess accessOf(GeoPolicy policy) {
      return RegionAccess.of(policy, settings.unknownPolicy());
    }

    /** Routes a credential to its region, unless it has expired by now: then it is dead-lettered. */
    final void deliver(Record<String, ?> trigger, CredentialIssued credential) {
      Instant now = settings.clock().instant();
      String region = credential.getRegion();
      if (!now.isBefore(credential.getExpiresAt())) {
        String detail = "credential " + credential.getSerial() + " for " + credential.getCertificateId()
            + " in region " + region + " expired at " + credential.getExpiresAt() + "; not routed at " + now;
        DeadLetters.Source source = DeadLetters.Source.of(trigger.headers(), context.recordMetadata());
        context.forward(new Record<String, Outbound>(
            Topics.credentialKey(credential.getCertificateId(), region), new Outbound.ToDeadLetters(credential),
            trigger.timestamp(), DeadLetters.headers(null, DeadLetterReason.EXPIRED, detail, source)));
        settings.metrics().deadLettered(DeadLetterReason.EXPIRED);
        return;
      }
      // Fresh headers: the internal source stamp stays inside the distributor.
      context.forward(new Record<String, Outbound>(credential.getCertificateId(),
          new Outbound.ToRegion(region, credential), trigger.timestamp(), new RecordHeaders()));
      settings.metrics().routed(region);
    }

    /** Revokes a certificate's credential in a region (the edges purge the keys). */
    final void tombstone(Record<String, ?> trigger, String certificateId, String region) {
      context.forward(new Record<String, Outbound>(certificateId, new Outbound.ToRegion(region, null),
          trigger.timestamp(), new RecordHeaders()));
      settings.metrics().tombstone(region);
    }
  }
}
