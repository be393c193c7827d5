package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the monitor knows about every rollout and datacenter, fed with {@link CredentialIssued},
 * {@link GeoPolicy} and {@link RolloutStatus} events and answering with immutable snapshots.
 *
 * <p>Applying an event is idempotent and, where it matters, order-insensitive (newest credential by
 * expiry, last lag by install time, last heartbeat by agent time), so that state rebuilt by
 * replaying stored events agrees with state built live. Thread-safe: one lock guards everything;
 * the volume is a few events per datacenter per heartbeat interval.
 */
public final class RolloutTracker {

  private final Clock clock;
  private final TrackerPolicy policy;
  private final Map<String, DatacenterState> datacenters = new HashMap<>();
  private final Map<Rollout.Key, Rollout> rollouts = new HashMap<>();
  /** Allowed regions per certificate; a certificate without a known policy counts as allowed everywhere. */
  private final Map<String, Set<String>> policies = new HashMap<>();

  /** A tracker judging risk by {@code policy}, with "now" read from {@code clock}. */
  public RolloutTracker(Clock clock, TrackerPolicy policy) {
    this.clock = requireNonNull(clock, "clock must not be null");
    this.policy = requireNonNull(policy, "policy must not be null");
  }

  /** The policy risks are judged by. */
  public TrackerPolicy policy() {
    return policy;
  }

  /**
   * Records a freshly minted credential (a new rollout).
   *
   * @throws IllegalArgumentException when the event names no valid region, certificate or serial
   */
  public synchronized void onIssued(CredentialIssued issued) {
    requireNonNull(issued, "issued must not be null");
    String cert = require(issued.getCertificateId(), "certificateId", "CredentialIssued");
    String serial = require(issued.getSerial(), "serial", "CredentialIssued");
    Topics.requireValidRegion(issued.getRegion());
    if (issued.getIssuedAt() == null || issued.getExpiresAt() == null) {
      throw new IllegalArgumentException("CredentialIssued " + cert + "/" + serial + " has no issuedAt or expiresAt");
    }
    Rollout r = rollout(cert, issued.getRegion(), serial);
    r.issuedSeen = true;
    r.issuedAt = issued.getIssuedAt();
    r.expiresAt = issued.getExpiresAt();
  }

  /**
   * Records a certificate's geo policy: only rollouts to its regions count for coverage and risk
   * (the issuer mints for every region; the distributor forwards only the allowed ones).
   *
   * @throws IllegalArgumentException when the policy names no certificate or an invalid region
   */
  public synchronized void onPolicy(GeoPolicy policy) {
    requireNonNull(policy, "policy must not be null");
    String cert = require(policy.getCertificateId(), "certificateId", "GeoPolicy");
    requireNonNull(policy.getRegions(), "regions must not be null").forEach(Topics::requireValidRegion);
    policies.put(cert, Set.copyOf(policy.getRegions()));
  }

  /** Records that a certificate's policy was deleted: it is allowed nowhere. */
  public synchronized void onPolicyDeleted(String certificateId) {
    policies.put(require(certificateId, "certificateId", "policy tombstone"), Set.of());
  }

  /**
   * Records what an edge agent reported: INSTALLED, REJECTED, REMOVED or HEARTBEAT. Statuses in an
   * unknown state only mark the datacenter as alive.
   *
   * @return false when the status told nothing new (a re-delivered install), so need not be kept
   * @throws IllegalArgumentException when a field the state needs is missing or the region is invalid
   */
  public synchronized boolean onStatus(RolloutStatus status) {
    requireNonNull(status, "status must not be null");
    validate(status);
    DatacenterState dc = datacenter(status);
    switch (status.getState()) {
      case INSTALLED -> {
        return installed(dc, status);
      }
      case REJECTED -> rejected(dc, status);
      case REMOVED -> removed(dc, status.getCertificateId());
      case HEARTBEAT -> heartbeat(dc, status);
      default -> { } // a state this monitor does not know yet: the datacenter is alive, nothing more
    }
    return true;
  }

  /** Checks everything the status's state needs before anything changes. */
  private static void validate(RolloutStatus s) {
    if (s.getState() == null) {
      throw new IllegalArgumentException("status has no state");
    }
    String what = s.getState() + " status";
    require(s.getDatacenter(), "datacenter", what);
    Topics.requireValidRegion(s.getRegion());
    if (s.getAgentTime() == null) {
      throw new IllegalArgumentException(what + " has no agentTime");
    }
    switch (s.getState()) {
      case INSTALLED -> {
        require(s.getCertificateId(), "certificateId", what);
        require(s.getSerial(), "serial", what);
      }
      case REMOVED -> require(s.getCertificateId(), "certificateId", what);
      default -> { }
    }
  }

  private boolean installed(DatacenterState dc, RolloutStatus s) {
    String cert = s.getCertificateId();
    Rollout r = rollout(cert, dc.region, s.getSerial());
    r.timesFromStatus(s.getIssuedAt(), s.getExpiresAt());
    Instant installedAt = s.getInstalledAt() != null ? s.getInstalledAt() : s.getAgentTime();
    Instant issuedAt = s.getIssuedAt() != null ? s.getIssuedAt() : r.issuedAt;
    r.rejectedBy.remove(dc.name);
    if (!r.installedBy.add(dc.name)) {
      return false; // only the first report counts: a re-delivered record is acknowledged again, later
    }
    dc.lagSample(issuedAt, installedAt);
    InstalledCredential candidate = new InstalledCredential(cert, r.key.serial(), issuedAt,
        s.getExpiresAt() != null ? s.getExpiresAt() : r.expiresAt, installedAt);
    InstalledCredential current = dc.installed.get(cert);
    if (current == null || candidate.newerThan(current)) {
      dc.installed.put(cert, candidate);
    }
    return true;
  }

  private void rejected(DatacenterState dc, RolloutStatus s) {
    String cert = s.getCertificateId();
    String serial = s.getSerial();
    String reason = s.getReasonCode() == null ? "OTHER" : s.getReasonCode().name();
    String id = (cert == null ? "-" : cert) + "/" + (serial == null ? "-" : serial);
    DatacenterState.Rejection previous = dc.rejections.get(id);
    if (previous == null || previous.at().isBefore(s.getAgentTime())) {
      dc.rejections.put(id, new DatacenterState.Rejection(reason, s.getAgentTime()));
    }
    if (cert != null && serial != null) {
      Rollout r = rollout(cert, dc.region, serial);
      r.timesFromStatus(s.getIssuedAt(), s.getExpiresAt());
      if (!r.installedBy.contains(dc.name)) {
        r.rejectedBy.add(dc.name);
      }
    }
  }

  private void removed(DatacenterState dc, String cert) {
    dc.installed.remove(cert);
    for (Rollout r : rollouts.values()) {
      if (r.key.certificateId().equals(cert)) {
        r.installedBy.remove(dc.name);
        r.rejectedBy.remove(dc.name);
      }
    }
  }

  private void heartbeat(DatacenterState dc, RolloutStatus s) {
    if (dc.lastHeartbeat == null || !s.getAgentTime().isBefore(dc.lastHeartbeat)) {
      dc.lastHeartbeat = s.getAgentTime();
      dc.reportedInstalledCount = s.getInstalledCount();
      dc.reportedEarliestExpiry = s.getEarliestExpiry();
    }
  }

  /**
   * Forgets what no longer matters: expired rollouts that are not the newest of their (certificate,
   * region); and, older than the policy's {@code forgetAfter} (see {@link #horizon()}), any rollout
   * or installed credential that expired, silent datacenters and rejections.
   */
  public synchronized void prune() {
    Instant now = clock.instant();
    Instant horizon = horizon();
    datacenters.values().removeIf(dc -> dc.lastSeen.isBefore(horizon));
    for (DatacenterState dc : datacenters.values()) {
      dc.rejections.values().removeIf(r -> r.at().isBefore(horizon));
      dc.installed.values().removeIf(c -> c.expiresAt() != null && c.expiresAt().isBefore(horizon));
    }
    Set<Rollout> newest = Set.copyOf(newestRollouts().values());
    rollouts.values().removeIf(r -> r.expiresAt != null
        && (r.expiresAt.isBefore(horizon) || (!newest.contains(r) && r.expiresAt.isBefore(now))));
  }

  /** Facts older than this (expiry of a credential, agent time of a status) are forgotten. */
  public Instant horizon() {
    return clock.instant().minus(policy.forgetAfter());
  }

  /** Every datacenter, ordered by region then name. */
  public synchronized List<DatacenterView> datacenters() {
    Instant now = clock.instant();
    Collection<Rollout> newest = newestRollouts().values();
    return datacenters.values().stream()
        .sorted(Comparator.comparing((DatacenterState d) -> d.region).thenComparing(d -> d.name))
        .map(d -> view(d, now, newest))
        .toList();
  }

  /** One datacenter, if known. */
  public synchronized Optional<DatacenterView> datacenter(String name) {
    DatacenterState d = datacenters.get(name);
    return d == null ? Optional.empty() : Optional.of(view(d, clock.instant(), newestRollouts().values()));
  }

  /** Every known rollout, ordered by certificate, region, then newest first. */
  public synchronized List<RolloutView> rollouts() {
    Set<Rollout> newest = Set.copyOf(newestRollouts().values());
    Map<String, Set<String>> byRegion = datacentersByRegion();
    return rollouts.values().stream()
        .sorted(Comparator.comparing((Rollout r) -> r.key.certificateId())
            .thenComparing(r -> r.key.region())
            .thenComparing((a, b) -> a == b ? 0 : a.newerThan(b) ? -1 : 1))
        .map(r -> view(r, newest.contains(r), byRegion.getOrDefault(r.key.region(), Set.of())))
        .toList();
  }

  /** Coverage of the newest rollouts of every region that has datacenters or rollouts, by region. */
  public synchronized List<RegionCoverage> regionCoverage() {
    Map<String, Set<String>> byRegion = datacentersByRegion();
    Map<String, int[]> counts = new TreeMap<>();
    byRegion.keySet().forEach(region -> counts.put(region, new int[2]));
    for (Rollout r : newestRollouts().values()) {
      int[] c = counts.computeIfAbsent(r.key.region(), k -> new int[2]);
      c[0]++;
      c[1] += installedIn(r, byRegion.getOrDefault(r.key.region(), Set.of()));
    }
    List<RegionCoverage> out = new ArrayList<>();
    counts.forEach((region, c) ->
        out.add(new RegionCoverage(region, byRegion.getOrDefault(region, Set.of()).size(), c[0], c[1])));
    return out;
  }

  private DatacenterView view(DatacenterState d, Instant now, Collection<Rollout> newest) {
    Instant earliest = d.earliestExpiry();
    Duration headroom = earliest == null ? null : Duration.between(now, earliest);
    Set<Risk> risks = EnumSet.noneOf(Risk.class);
    if (headroom != null && headroom.compareTo(policy.headroomAlert()) < 0) {
      risks.add(Risk.LOW_HEADROOM);
    }
    // Other statuses do not count as a heartbeat: an agent whose heartbeat broke is flagged too.
    Instant beat = d.lastHeartbeat != null ? d.lastHeartbeat : d.firstSeen;
    if (Duration.between(beat, now).compareTo(policy.silenceAlert()) > 0) {
      risks.add(Risk.HEARTBEAT_SILENT);
    }
    List<Rollout> mine = newest.stream().filter(r -> r.key.region().equals(d.region)).toList();
    if (mine.stream().anyMatch(r -> r.rejectedBy.contains(d.name))) {
      risks.add(Risk.REJECTED_NEWEST);
    }
    List<String> missing = mine.stream().filter(r -> !r.installedBy.contains(d.name))
        .map(r -> r.key.certificateId()).sorted().toList();
    Map<String, Long> rejections = d.rejections.values().stream()
        .collect(Collectors.groupingBy(DatacenterState.Rejection::reason, TreeMap::new, Collectors.counting()));
    List<InstalledCredential> creds = d.installed.values().stream()
        .sorted(Comparator.comparing(InstalledCredential::certificateId)).toList();
    return new DatacenterView(d.name, d.region, creds, missing, d.newestExpiry(), earliest, headroom, d.lastLag,
        d.lastInstalledAt, d.lastHeartbeat, d.reportedInstalledCount, rejections, risks);
  }

  private RolloutView view(Rollout r, boolean newest, Set<String> regionDatacenters) {
    Set<String> installed = r.installedBy.stream().filter(regionDatacenters::contains).collect(Collectors.toSet());
    Set<String> rejected = r.rejectedBy.stream().filter(regionDatacenters::contains).collect(Collectors.toSet());
    return new RolloutView(r.key.certificateId(), r.key.region(), r.key.serial(), r.issuedAt, r.expiresAt,
        newest, allowed(r), new TreeSet<>(installed), new TreeSet<>(rejected), regionDatacenters.size());
  }

  private static int installedIn(Rollout r, Set<String> regionDatacenters) {
    return (int) r.installedBy.stream().filter(regionDatacenters::contains).count();
  }

  /**
   * The newest rollout per (certificate, region), keyed by {@code certificateId/region}. Only rollouts
   * the issuer announced or some datacenter installed count: anyone can seal a credential to a region,
   * and a forged one that every edge rejected must not pose as the newest. Nor do rollouts the geo
   * policy does not allow: the distributor never forwards them.
   */
  private Map<String, Rollout> newestRollouts() {
    Map<String, Rollout> newest = new HashMap<>();
    for (Rollout r : rollouts.values()) {
      if ((!r.issuedSeen && r.installedBy.isEmpty()) || !allowed(r)) {
        continue;
      }
      newest.merge(r.key.certificateId() + "/" + r.key.region(), r, (a, b) -> b.newerThan(a) ? b : a);
    }
    return newest;
  }

  private boolean allowed(Rollout r) {
    Set<String> regions = policies.get(r.key.certificateId());
    return regions == null || regions.contains(r.key.region());
  }

  private Map<String, Set<String>> datacentersByRegion() {
    return datacenters.values().stream().collect(Collectors.groupingBy(d -> d.region,
        Collectors.mapping(d -> d.name, Collectors.toSet())));
  }

  private Rollout rollout(String cert, String region, String serial) {
    return rollouts.computeIfAbsent(new Rollout.Key(cert, region, serial), Rollout::new);
  }

  /** The datacenter of a status, created on first sight; a datacenter that moved takes its new region. */
  private DatacenterState datacenter(RolloutStatus s) {
    DatacenterState dc = datacenters.computeIfAbsent(s.getDatacenter(),
        name -> new DatacenterState(name, s.getRegion(), s.getAgentTime()));
    dc.seen(s.getAgentTime());
    dc.region = s.getRegion();
    return dc;
  }

  private static String require(String value, String field, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " has no " + field);
    }
    return value;
  }
}
