package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facts the tracker's state is derived from, kept in a (changelogged) state store as the raw
 * event bytes: one entry per rollout, per (datacenter, certificate, serial, outcome), per
 * datacenter's heartbeat and per certificate's geo policy. Replaying them into a fresh tracker rebuilds its state after a restart
 * without re-reading the topics: the stored set is exactly what the tracker would keep, because a
 * re-delivered install is not stored again and the newest fact of each kind replaces older ones.
 */
final class FactStore {

  private static final Logger LOG = LoggerFactory.getLogger(FactStore.class);
  /** Separates key parts; a control character no id contains. */
  private static final String SEP = "\u001f";
  private static final String ISSUED = "issued" + SEP;
  private static final String STATUS = "status" + SEP;
  private static final String HEARTBEAT = "heartbeat" + SEP;
  private static final String POLICY = "policy" + SEP;
  /** Stored for a deleted policy (a tombstone): the certificate is allowed nowhere. */
  private static final byte[] DELETED = new byte[0];

  private final KeyValueStore<String, byte[]> store;
  private final EventDecoder decoder;

  FactStore(KeyValueStore<String, byte[]> store, EventDecoder decoder) {
    this.store = requireNonNull(store, "store must not be null");
    this.decoder = requireNonNull(decoder, "decoder must not be null");
  }

  /** Keeps an issue event the tracker accepted. */
  void issued(CredentialIssued e, byte[] raw) {
    store.put(ISSUED + e.getCertificateId() + SEP + e.getRegion() + SEP + e.getSerial(), raw);
  }

  /** Keeps a certificate's newest geo policy, or that it was deleted ({@code raw} null). Never pruned. */
  void policy(String certificateId, byte[] raw) {
    store.put(POLICY + certificateId, raw == null ? DELETED : raw);
  }

  /**
   * Keeps a status the tracker accepted as news; a later fact of the same kind replaces the earlier.
   * Statuses replay in agent-time order, so a removal cancels the installs before it, not after.
   */
  void status(RolloutStatus s, byte[] raw) {
    switch (s.getState()) {
      case INSTALLED, REJECTED, REMOVED -> store.put(statusKey(s), raw);
      case HEARTBEAT -> store.put(HEARTBEAT + s.getDatacenter(), raw);
      default -> { } // nothing the tracker keeps
    }
  }

  private static String statusKey(RolloutStatus s) {
    String serial = s.getState() == RolloutState.REMOVED || s.getSerial() == null ? "-" : s.getSerial();
    return STATUS + s.getDatacenter() + SEP + s.getCertificateId() + SEP + serial + SEP + s.getState();
  }

  /** Feeds every stored fact into the tracker: policies, rollouts, then statuses in agent-time order. */
  void replayInto(RolloutTracker tracker) {
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(POLICY, new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (kv.value.length == 0) {
          tracker.onPolicyDeleted(kv.key.substring(POLICY.length()));
        } else {
          GeoPolicy p = decode(kv, decoder::policy);
          if (p != null) {
            tracker.onPolicy(p);
          }
        }
      }
    }
    int issued = 0;
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(ISSUED, new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        CredentialIssued e = decodeIssued(kv);
        if (e != null) {
          tracker.onIssued(e);
          issued++;
        }
      }
    }
    List<RolloutStatus> statuses = new ArrayList<>();
    for (String prefix : List.of(STATUS, HEARTBEAT)) {
      try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, new StringSerializer())) {
        while (it.hasNext()) {
          RolloutStatus s = decodeStatus(it.next());
          if (s != null) {
            statuses.add(s);
          }
        }
      }
    }
    statuses.sort(Comparator.comparing(RolloutStatus::getAgentTime));
    statuses.forEach(tracker::onStatus);
    if (issued + statuses.size() > 0) {
      LOG.info("rebuilt monitor state from {} stored rollouts and {} stored statuses", issued, statuses.size());
    }
  }

  /**
   * Deletes facts from before {@code horizon}: credentials expired then, statuses sent then. A removal
   * goes together with the installs and rejections it cancelled, so none of them comes back alone.
   */
  int prune(Instant horizon) {
    List<String> old = new ArrayList<>();
    List<RolloutStatus> removals = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (kv.key.startsWith(POLICY)) {
          continue;
        }
        if (kv.key.startsWith(ISSUED)) {
          CredentialIssued e = decodeIssued(kv);
          if (e == null || e.getExpiresAt().isBefore(horizon)) {
            old.add(kv.key);
          }
          continue;
        }
        RolloutStatus s = decodeStatus(kv);
        if (s == null || age(s).isBefore(horizon)) {
          old.add(kv.key);
          if (s != null && s.getState() == RolloutState.REMOVED) {
            removals.add(s);
          }
        }
      }
    }
    old.forEach(store::delete);
    removals.forEach(this::deleteCancelledBy);
    return old.size();
  }

  /** An install ages with its credential's expiry when known; every other status with its agent time. */
  private static Instant age(RolloutStatus s) {
    return s.getState() == RolloutState.INSTALLED && s.getExpiresAt() != null ? s.getExpiresAt() : s.getAgentTime();
  }

  private void deleteCancelledBy(RolloutStatus removal) {
    List<String> keys = new ArrayList<>();
    String prefix = STATUS + removal.getDatacenter() + SEP + removal.getCertificateId() + SEP;
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        RolloutStatus s = decodeStatus(kv);
        if (s == null || !s.getAgentTime().isAfter(removal.getAgentTime())) {
          keys.add(kv.key);
        }
      }
    }
    keys.forEach(store::delete);
  }

  private CredentialIssued decodeIssued(KeyValue<String, byte[]> kv) {
    return decode(kv, decoder::issued);
  }

  private RolloutStatus decodeStatus(KeyValue<String, byte[]> kv) {
    return decode(kv, decoder::status);
  }

  /** Decodes a stored fact; one that no longer decodes (its schema gone) is skipped, and pruned later. */
  private <T> T decode(KeyValue<String, byte[]> kv, Function<byte[], T> decode) {
    try {
      return decode.apply(kv.value);
    } catch (RuntimeException e) {
      if (EventDecoder.isTransient(e)) {
        throw e;
      }
      LOG.warn("skipping stored fact {} that no longer decodes: {}", kv.key.replace(SEP, "/"), e.getMessage());
      return null;
    }
  }
}
