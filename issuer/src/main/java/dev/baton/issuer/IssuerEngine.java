package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.credentials.CredentialPolicyException;
import dev.baton.credentials.seal.SealException;
import dev.baton.issuer.inventory.InventoryEntry;
import dev.baton.issuer.inventory.InventoryScan;
import dev.baton.service.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's state and decisions: inventory, regions, the newest credential per pair, operator
 * requests and in-flight sends. Confined to one thread (the {@code loop} executor): every method
 * must run there, and send completions are handed back to it. A pair counts as minted only once
 * Kafka acked its event; until then it is in flight and not minted again.
 */
final class IssuerEngine {

  private static final Logger LOG = LoggerFactory.getLogger(IssuerEngine.class);

  /** Mints and seals one credential. */
  @FunctionalInterface
  interface Minting {
    CredentialIssued mint(InventoryEntry certificate, RegionEntry region, Duration validity);
  }

  /** Sends one event; completes when Kafka acked it. */
  @FunctionalInterface
  interface Sink {
    CompletionStage<?> send(PairKey pair, CredentialIssued event);
  }

  private final RenewalSchedule schedule;
  private final Minting minting;
  private final Sink sink;
  private final Executor loop;
  private final Clock clock;
  private final IssuerMetrics metrics;

  private Map<String, InventoryEntry> certificates = Map.of();
  private final Map<String, RegionEntry> regions = new TreeMap<>();
  private final Map<PairKey, PairState> states = new HashMap<>();
  private final Map<String, Instant> certificateRequests = new HashMap<>();
  private final Map<PairKey, Decision.Reason> inFlight = new HashMap<>();
  private final Set<String> warnedExpiring = new HashSet<>();
  private boolean inventoryLoaded;
  private boolean regionsLoaded;
  private boolean readBackDone;
  private volatile Readiness readiness = Readiness.notReady("starting");
  private volatile Map<PairKey, IssuedCredential> newest = Map.of();

  IssuerEngine(RenewalSchedule schedule, Minting minting, Sink sink, Executor loop, Clock clock, IssuerMetrics metrics) {
    this.schedule = requireNonNull(schedule, "schedule must not be null");
    this.minting = requireNonNull(minting, "minting must not be null");
    this.sink = requireNonNull(sink, "sink must not be null");
    this.loop = requireNonNull(loop, "loop must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
    this.metrics = requireNonNull(metrics, "metrics must not be null");
  }

  /** Ready: inventory scanned, regions loaded and read-back done. Safe from any thread. */
  Readiness readiness() {
    return readiness;
  }

  /** The newest acked credential per pair. Safe from any thread. */
  Map<PairKey, IssuedCredential> newest() {
    return newest;
  }

  void applyInventory(InventoryScan scan) {
    certificates = scan.valid();
    inventoryLoaded = true;
    Instant now = clock.instant();
    metrics.inventory(scan, notAfter -> schedule.certificateExpiringSoon(notAfter, now));
    warnedExpiring.retainAll(certificates.keySet());
    for (InventoryEntry e : certificates.values()) {
      if (!schedule.certificateExpiringSoon(e.notAfter(), now)) {
        warnedExpiring.remove(e.id());
      } else if (warnedExpiring.add(e.id())) {
        LOG.warn("certificate {} expires at {}, within two credential lifetimes ({}): replace it; credentials"
            + " will be cut short at its notAfter", e.id(), e.notAfter(), schedule.policy().lifetime().multipliedBy(2));
      }
    }
    tick();
  }

  void applyRegion(RegionEntry entry) {
    RegionEntry old = regions.put(entry.region(), entry);
    if (old == null) {
      LOG.info("region {} registered with key {}", entry.region(), entry.keyId());
    } else if (!old.keyId().equals(entry.keyId())) {
      LOG.info("region {} key rotated from {} to {}: resealing every certificate's credential", entry.region(),
          old.keyId(), entry.keyId());
    }
    metrics.regions(regions.size());
    tick();
  }

  void removeRegion(String region) {
    if (regions.remove(region) != null) {
      LOG.info("region {} removed (tombstone): no more credentials for it", region);
    }
    metrics.regions(regions.size());
  }

  void regionsLoaded() {
    if (!regionsLoaded) {
      regionsLoaded = true;
      LOG.info("regions loaded: {}", regions.keySet());
      tick();
    }
  }

  void applyReadBack(Map<PairKey, IssuedCredential> issued) {
    issued.values().forEach(this::recordIssued);
    readBackDone = true;
    LOG.info("read back the newest credential of {} pairs", issued.size());
    tick();
  }

  /**
   * An operator request; {@code region} null means every region. Ignored for certificates not in
   * the (scanned) inventory: another issuer may hold them.
   */
  void applyRequest(String certificateId, String region, Instant requestedAt) {
    if (inventoryLoaded && !certificates.containsKey(certificateId)) {
      LOG.info("issue request for certificate {} ignored: not in this issuer's inventory", certificateId);
      return;
    }
    // A clock ahead of ours must not keep the request open forever.
    Instant now = clock.instant();
    // Millisecond precision, like issuedAt: a credential minted in the same millisecond satisfies it.
    Instant at = (requestedAt.isAfter(now) ? now : requestedAt).truncatedTo(ChronoUnit.MILLIS);
    if (region == null) {
      certificateRequests.merge(certificateId, at, (a, b) -> a.isAfter(b) ? a : b);
    } else {
      PairKey pair = new PairKey(certificateId, region);
      states.put(pair, stateOf(pair).withRequest(at));
    }
    LOG.info("issue request for certificate {} region {} at {}", certificateId, region == null ? "*" : region, at);
    tick();
  }

  /**
   * Evaluates every pair and mints those that are due. When the sink refuses a send at once (no
   * broker metadata, registry down) the rest of the round is skipped: each send would block just
   * as long, and the next tick tries again.
   */
  void tick() {
    updateReadiness();
    if (!readiness.ready()) {
      return;
    }
    Instant now = clock.instant();
    Map<PairKey, Instant> due = new TreeMap<>();
    boolean sinkAccepting = true;
    for (InventoryEntry certificate : certificates.values()) {
      for (RegionEntry region : regions.values()) {
        PairKey pair = new PairKey(certificate.id(), region.region());
        if (inFlight.containsKey(pair)) {
          continue;
        }
        RenewalSchedule.Target target =
            new RenewalSchedule.Target(certificate.fingerprint(), certificate.notAfter(), region.keyId());
        Decision d = schedule.decide(effectiveState(pair), target, now);
        if (d.action() == Decision.Action.MINT && sinkAccepting) {
          sinkAccepting = mint(pair, certificate, region, d);
        } else if (d.action() != Decision.Action.HOLD) {
          due.put(pair, d.at());
        }
      }
    }
    metrics.nextMints(due);
    metrics.inFlight(inFlight.size());
  }

  /** Mints and sends one pair; false when the sink refused the send at once. */
  private boolean mint(PairKey pair, InventoryEntry certificate, RegionEntry region, Decision d) {
    CredentialIssued event;
    try {
      event = minting.mint(certificate, region, d.validity());
    } catch (RuntimeException e) {
      failed(pair, category(e), e);
      return true;
    }
    inFlight.put(pair, d.reason());
    CompletionStage<?> sent;
    try {
      sent = sink.send(pair, event);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    boolean refused = sent.toCompletableFuture().isCompletedExceptionally();
    sent.whenCompleteAsync((ok, error) -> sent(pair, event, d.reason(), error), loop);
    return !refused;
  }

  private void sent(PairKey pair, CredentialIssued event, Decision.Reason reason, Throwable error) {
    inFlight.remove(pair);
    metrics.inFlight(inFlight.size());
    if (error != null) {
      failed(pair, "send", error);
      return;
    }
    IssuedCredential c = IssuedCredential.of(event);
    recordIssued(c);
    metrics.minted(pair, reason, c.issuedAt());
    LOG.info("minted credential {} for {} ({}), expires {}, sealed to region key {}", c.serial(), pair, reason,
        c.expiresAt(), c.regionKeyId());
  }

  private void failed(PairKey pair, String category, Throwable error) {
    PairState state = stateOf(pair);
    int failures = state.failures() + 1;
    Instant retryAt = schedule.retryAt(pair, failures, clock.instant());
    states.put(pair, state.withFailure(retryAt));
    metrics.mintFailed(category);
    // The message only: exception messages of the credentials module never carry key material.
    LOG.warn("minting a credential for {} failed ({}, attempt {}): {}; retrying at {}", pair, category, failures,
        error.toString(), retryAt);
  }

  private void recordIssued(IssuedCredential c) {
    states.put(c.pair(), stateOf(c.pair()).withIssued(c));
    Map<PairKey, IssuedCredential> snapshot = new TreeMap<>(newest);
    snapshot.merge(c.pair(), c, (a, b) -> b.newerThan(a) ? b : a);
    newest = Map.copyOf(snapshot);
  }

  private PairState stateOf(PairKey pair) {
    PairState s = states.get(pair);
    return s != null ? s : PairState.empty(pair);
  }

  private PairState effectiveState(PairKey pair) {
    Instant certRequest = certificateRequests.get(pair.certificateId());
    PairState s = stateOf(pair);
    return certRequest == null ? s : s.withRequest(certRequest);
  }

  private void updateReadiness() {
    if (inventoryLoaded && regionsLoaded && readBackDone) {
      readiness = Readiness.ready(certificates.size() + " certificates x " + regions.size() + " regions, "
          + inFlight.size() + " in flight");
    } else {
      readiness = Readiness.notReady("waiting for" + (inventoryLoaded ? "" : " inventory")
          + (regionsLoaded ? "" : " regions") + (readBackDone ? "" : " read-back"));
    }
  }

  private static String category(Throwable e) {
    if (e instanceof CredentialPolicyException) {
      return "policy";
    }
    if (e instanceof SealException) {
      return "seal";
    }
    if (e instanceof KafkaException) {
      return "send";
    }
    return "other";
  }
}
