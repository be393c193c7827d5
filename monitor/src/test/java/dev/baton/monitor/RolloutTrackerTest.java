package dev.baton.monitor;

import static dev.baton.monitor.Events.heartbeat;
import static dev.baton.monitor.Events.installed;
import static dev.baton.monitor.Events.issued;
import static dev.baton.monitor.Events.rejected;
import static dev.baton.monitor.Events.removed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.embedded.MutableClock;
import dev.baton.avro.v1.RejectReason;
import dev.baton.avro.v1.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RolloutTrackerTest {

  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  private static final Duration LIFETIME = Duration.ofHours(10);
  private static final TrackerPolicy POLICY =
      new TrackerPolicy(Duration.ofHours(2), Duration.ofSeconds(30), 3, Duration.ofDays(7));

  private final MutableClock clock = new MutableClock(T0);
  private final RolloutTracker tracker = new RolloutTracker(clock, POLICY);

  @Test
  void installed_afterIssue_recordsLagNewestCredentialAndHeadroom() {
    tracker.onIssued(issued("www", "eu", "s1", T0, T0.plus(LIFETIME)));
    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(7), T0.plus(LIFETIME)));
    clock.advance(Duration.ofSeconds(10));

    DatacenterView fra1 = tracker.datacenter("fra1").orElseThrow();
    assertThat(fra1.region()).isEqualTo("eu");
    assertThat(fra1.lastLag()).isEqualTo(Duration.ofSeconds(7));
    assertThat(fra1.lastInstalledAt()).isEqualTo(T0.plusSeconds(7));
    assertThat(fra1.credentials()).extracting(InstalledCredential::serial).containsExactly("s1");
    assertThat(fra1.earliestExpiry()).isEqualTo(T0.plus(LIFETIME));
    assertThat(fra1.headroom()).isEqualTo(LIFETIME.minusSeconds(10));
    assertThat(fra1.risks()).isEmpty();
  }

  @Test
  void installed_withoutIssuedAtInStatus_takesItFromTheIssueEvent() {
    tracker.onIssued(issued("www", "eu", "s1", T0, T0.plus(LIFETIME)));
    tracker.onStatus(installed("fra1", "eu", "www", "s1", null, T0.plusSeconds(3), null));

    DatacenterView fra1 = tracker.datacenter("fra1").orElseThrow();
    assertThat(fra1.lastLag()).isEqualTo(Duration.ofSeconds(3));
    assertThat(fra1.earliestExpiry()).isEqualTo(T0.plus(LIFETIME));
  }

  @Test
  void newerCredential_replacesOlderPerCertificate_andHeadroomUsesEarliestAcrossCertificates() {
    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(1), T0.plus(LIFETIME)));
    tracker.onStatus(installed("fra1", "eu", "api", "a1", T0, T0.plusSeconds(2), T0.plus(Duration.ofHours(4))));
    tracker.onStatus(installed("fra1", "eu", "www", "s2", T0.plusSeconds(60), T0.plusSeconds(65),
        T0.plus(LIFETIME).plusSeconds(60)));

    DatacenterView fra1 = tracker.datacenter("fra1").orElseThrow();
    assertThat(fra1.credentials()).extracting(InstalledCredential::certificateId, InstalledCredential::serial)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("api", "a1"),
            org.assertj.core.groups.Tuple.tuple("www", "s2"));
    assertThat(fra1.earliestExpiry()).isEqualTo(T0.plus(Duration.ofHours(4)));
    assertThat(fra1.newestExpiry()).isEqualTo(T0.plus(LIFETIME).plusSeconds(60));
    assertThat(fra1.lastLag()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void coverage_countsDatacentersOfTheRolloutsRegionOnly() {
    tracker.onStatus(heartbeat("fra1", "eu", T0, 0, null));
    tracker.onStatus(heartbeat("ams1", "eu", T0, 0, null));
    tracker.onStatus(heartbeat("iad1", "us", T0, 0, null));
    tracker.onIssued(issued("www", "eu", "s1", T0, T0.plus(LIFETIME)));
    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(2), T0.plus(LIFETIME)));

    RolloutView half = only(tracker.rollouts());
    assertThat(half.knownDatacenters()).isEqualTo(2);
    assertThat(half.installedBy()).containsExactly("fra1");
    assertThat(half.coverage()).isEqualTo(0.5);
    assertThat(half.complete()).isFalse();

    tracker.onStatus(installed("ams1", "eu", "www", "s1", T0, T0.plusSeconds(4), T0.plus(LIFETIME)));
    RolloutView full = only(tracker.rollouts());
    assertThat(full.coverage()).isEqualTo(1.0);
    assertThat(full.complete()).isTrue();
    assertThat(tracker.regionCoverage())
        .containsExactly(new RegionCoverage("eu", 2, 1, 2), new RegionCoverage("us", 1, 0, 0));
  }

  @Test
  void regionCoverage_countsOnlyTheNewestRolloutOfEachCertificate() {
    tracker.onStatus(heartbeat("fra1", "eu", T0, 0, null));
    tracker.onStatus(heartbeat("ams1", "eu", T0, 0, null));
    tracker.onIssued(issued("www", "eu", "s1", T0, T0.plus(LIFETIME)));
    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(2), T0.plus(LIFETIME)));
    tracker.onStatus(installed("ams1", "eu", "www", "s1", T0, T0.plusSeconds(2), T0.plus(LIFETIME)));
    tracker.onIssued(issued("www", "eu", "s2", T0.plusSeconds(60), T0.plus(LIFETIME).plusSeconds(60)));
    tracker.onStatus(installed("fra1", "eu", "www", "s2", T0.plusSeconds(60), T0.plusSeconds(61), null));

    RegionCoverage eu = only(tracker.regionCoverage());
    assertThat(eu.installedPairs()).isEqualTo(1);
    assertThat(eu.ratio()).isEqualTo(0.5);
    assertThat(tracker.rollouts()).extracting(RolloutView::serial, RolloutView::newest)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("s2", true),
            org.assertj.core.groups.Tuple.tuple("s1", false));
  }

  @Test
  void geoPolicy_leavesDisallowedRegionsOutOfCoverage_andDatacentersListWhatTheyMiss() {
    tracker.onStatus(heartbeat("fra1", "eu", T0, 0, null));
    tracker.onStatus(heartbeat("iad1", "us", T0, 0, null));
    tracker.onIssued(issued("www", "eu", "w-eu", T0, T0.plus(LIFETIME)));
    tracker.onIssued(issued("www", "us", "w-us", T0, T0.plus(LIFETIME)));
    tracker.onIssued(issued("api", "eu", "a-eu", T0, T0.plus(LIFETIME)));
    tracker.onPolicy(Events.policy("www", "eu"));

    assertThat(tracker.datacenter("fra1").orElseThrow().missing()).containsExactly("api", "www");
    assertThat(tracker.datacenter("iad1").orElseThrow().missing()).isEmpty();
    assertThat(tracker.datacenter("iad1").orElseThrow().covered()).isTrue();
    assertThat(tracker.rollouts()).filteredOn(r -> r.serial().equals("w-us"))
        .singleElement().satisfies(r -> assertThat(r.allowed()).isFalse());
    assertThat(tracker.regionCoverage())
        .containsExactly(new RegionCoverage("eu", 1, 2, 0), new RegionCoverage("us", 1, 0, 0));

    tracker.onStatus(installed("fra1", "eu", "www", "w-eu", T0, T0.plusSeconds(1), T0.plus(LIFETIME)));
    assertThat(tracker.datacenter("fra1").orElseThrow().missing()).containsExactly("api");

    tracker.onPolicyDeleted("api");
    assertThat(tracker.datacenter("fra1").orElseThrow().covered()).isTrue();
  }

  @Test
  void headroom_belowThreshold_flagsLowHeadroom() {
    tracker.onStatus(heartbeat("fra1", "eu", T0, 1, null));
    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(1), T0.plus(Duration.ofHours(3))));
    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).doesNotContain(Risk.LOW_HEADROOM);

    clock.advance(Duration.ofMinutes(61));
    tracker.onStatus(heartbeat("fra1", "eu", clock.instant(), 1, null));
    DatacenterView fra1 = tracker.datacenter("fra1").orElseThrow();
    assertThat(fra1.risks()).containsExactly(Risk.LOW_HEADROOM);
    assertThat(fra1.headroom()).isEqualTo(Duration.ofMinutes(119));
  }

  @Test
  void headroom_withoutAnySeenInstall_usesTheAgentsReportedEarliestExpiry() {
    tracker.onStatus(heartbeat("fra1", "eu", T0, 2, T0.plus(Duration.ofMinutes(30))));

    DatacenterView fra1 = tracker.datacenter("fra1").orElseThrow();
    assertThat(fra1.earliestExpiry()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(fra1.reportedInstalledCount()).isEqualTo(2);
    assertThat(fra1.risks()).containsExactly(Risk.LOW_HEADROOM);
  }

  @Test
  void heartbeat_olderThanMissedIntervals_flagsSilence_andANewHeartbeatClearsIt() {
    tracker.onStatus(heartbeat("fra1", "eu", T0, 0, null));
    clock.advance(Duration.ofSeconds(90));
    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).containsExactly(Risk.HEARTBEAT_SILENT);

    tracker.onStatus(heartbeat("fra1", "eu", clock.instant(), 0, null));
    assertThat(tracker.datacenter("fra1").orElseThrow().lastHeartbeat()).isEqualTo(clock.instant());
    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).isEmpty();
  }

  @Test
  void installsWithoutHeartbeats_stillFlagSilence() {
    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0, T0.plus(LIFETIME)));
    clock.advance(Duration.ofSeconds(100));
    tracker.onStatus(installed("fra1", "eu", "www", "s2", T0, clock.instant(), T0.plus(LIFETIME).plusSeconds(1)));

    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).containsExactly(Risk.HEARTBEAT_SILENT);
  }

  @Test
  void rejectedNewestSerial_flagsRisk_untilItIsInstalled() {
    tracker.onStatus(heartbeat("fra1", "eu", T0, 0, null));
    tracker.onIssued(issued("www", "eu", "s1", T0, T0.plus(LIFETIME)));
    tracker.onStatus(rejected("fra1", "eu", "www", "s1", RejectReason.UNTRUSTED_CHAIN, T0.plusSeconds(1)));

    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).containsExactly(Risk.REJECTED_NEWEST);
    assertThat(only(tracker.rollouts()).rejectedBy()).containsExactly("fra1");

    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(2), T0.plus(LIFETIME)));
    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).isEmpty();
    assertThat(only(tracker.rollouts()).rejectedBy()).isEmpty();
  }

  @Test
  void rejectedCredentialNobodyIssued_isNotTheNewest_andNoRisk() {
    tracker.onStatus(heartbeat("fra1", "eu", T0, 0, null));
    tracker.onIssued(issued("www", "eu", "s1", T0, T0.plus(LIFETIME)));
    tracker.onStatus(rejected("fra1", "eu", "www", "forged", RejectReason.UNTRUSTED_CHAIN, T0.plusSeconds(1)));

    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).isEmpty();
    assertThat(tracker.rollouts()).filteredOn(RolloutView::newest).extracting(RolloutView::serial)
        .containsExactly("s1");
  }

  @Test
  void rejectedOlderSerial_isCountedButNotARisk() {
    tracker.onStatus(heartbeat("fra1", "eu", T0, 0, null));
    tracker.onIssued(issued("www", "eu", "s1", T0, T0.plus(LIFETIME)));
    tracker.onIssued(issued("www", "eu", "s2", T0.plusSeconds(60), T0.plus(LIFETIME).plusSeconds(60)));
    tracker.onStatus(rejected("fra1", "eu", "www", "s1", RejectReason.STALE, T0.plusSeconds(61)));

    DatacenterView fra1 = tracker.datacenter("fra1").orElseThrow();
    assertThat(fra1.risks()).isEmpty();
    assertThat(fra1.rejections()).containsExactly(java.util.Map.entry("STALE", 1L));
  }

  @Test
  void rejections_redeliveredCountOnce_andAreGroupedByReason() {
    tracker.onStatus(rejected("fra1", "eu", "www", "s1", RejectReason.EXPIRED, T0));
    tracker.onStatus(rejected("fra1", "eu", "www", "s1", RejectReason.EXPIRED, T0.plusSeconds(5)));
    tracker.onStatus(rejected("fra1", "eu", "www", "s2", RejectReason.EXPIRED, T0.plusSeconds(6)));
    tracker.onStatus(rejected("fra1", "eu", "api", "a1", RejectReason.KEY_MISMATCH, T0.plusSeconds(7)));

    assertThat(tracker.datacenter("fra1").orElseThrow().rejections())
        .containsOnly(java.util.Map.entry("EXPIRED", 2L), java.util.Map.entry("KEY_MISMATCH", 1L));
  }

  @Test
  void redeliveredInstall_keepsTheFirstLag() {
    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(4), T0.plus(LIFETIME)));
    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(600), T0.plus(LIFETIME)));

    DatacenterView fra1 = tracker.datacenter("fra1").orElseThrow();
    assertThat(fra1.lastLag()).isEqualTo(Duration.ofSeconds(4));
    assertThat(only(tracker.rollouts()).installedBy()).containsExactly("fra1");
  }

  @Test
  void removed_dropsTheCredentialAndItsCoverage() {
    tracker.onStatus(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(4), T0.plus(LIFETIME)));
    tracker.onStatus(removed("fra1", "eu", "www", T0.plusSeconds(30)));

    assertThat(tracker.datacenter("fra1").orElseThrow().credentials()).isEmpty();
    assertThat(only(tracker.rollouts()).coverage()).isZero();
  }

  @Test
  void replayingTheSameEventsInAnotherOrder_givesTheSameViews() {
    List<RolloutStatus> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Instant issuedAt = T0.plus(Duration.ofMinutes(10L * i));
      for (String dc : List.of("fra1", "ams1")) {
        statuses.add(installed(dc, "eu", "www", "s" + i, issuedAt, issuedAt.plusSeconds(i + dc.length()),
            issuedAt.plus(LIFETIME)));
      }
    }
    statuses.add(heartbeat("fra1", "eu", T0.plusSeconds(3000), 1, null));
    statuses.add(heartbeat("fra1", "eu", T0.plusSeconds(2970), 1, null));
    statuses.add(rejected("ams1", "eu", "www", "bad", RejectReason.MALFORMED, T0.plusSeconds(5)));
    RolloutTracker other = new RolloutTracker(clock, POLICY);
    statuses.forEach(tracker::onStatus);
    List<RolloutStatus> shuffled = new ArrayList<>(statuses);
    Collections.shuffle(shuffled, new Random(42));
    shuffled.forEach(other::onStatus);

    assertThat(other.datacenters()).isEqualTo(tracker.datacenters());
    assertThat(other.rollouts()).isEqualTo(tracker.rollouts());
    assertThat(tracker.datacenter("fra1").orElseThrow().lastHeartbeat()).isEqualTo(T0.plusSeconds(3000));
    assertThat(tracker.datacenter("fra1").orElseThrow().credentials())
        .extracting(InstalledCredential::serial).containsExactly("s4");
  }

  @Test
  void statusWithoutCertificate_isRejectedNamingTheField() {
    assertThatThrownBy(() -> tracker.onStatus(installed("fra1", "eu", null, "s1", T0, T0, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("INSTALLED status has no certificateId");
    assertThatThrownBy(() -> tracker.onStatus(heartbeat("fra1", "EU!", T0, 0, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid region name 'EU!'");
    assertThat(tracker.datacenters()).isEmpty();
  }

  @Test
  void prune_forgetsExpiredOldRollouts_keepsTheNewest_andForgetsLongSilentDatacenters() {
    tracker.onIssued(issued("www", "eu", "s1", T0, T0.plus(LIFETIME)));
    tracker.onIssued(issued("www", "eu", "s2", T0.plusSeconds(60), T0.plus(LIFETIME).plusSeconds(60)));
    tracker.onStatus(heartbeat("fra1", "eu", T0, 0, null));
    clock.advance(LIFETIME.plusSeconds(120));
    tracker.onStatus(heartbeat("ams1", "eu", clock.instant(), 0, null));
    tracker.prune();
    assertThat(tracker.rollouts()).extracting(RolloutView::serial).containsExactly("s2");
    assertThat(tracker.datacenters()).hasSize(2);

    clock.advance(Duration.ofDays(7).plusSeconds(1));
    tracker.prune();
    assertThat(tracker.datacenters()).isEmpty();
  }

  @Test
  void concurrentFeedingAndReading_losesNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String dc = "dc" + t;
        work.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            tracker.onStatus(installed(dc, "eu", "c" + i, "s" + i, T0, T0.plusSeconds(i), T0.plus(LIFETIME)));
            tracker.datacenters();
          }
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tracker.datacenters()).allSatisfy(d -> assertThat(d.credentials()).hasSize(200));
    assertThat(tracker.rollouts()).hasSize(200).allSatisfy(r -> assertThat(r.coverage()).isEqualTo(1.0));
  }

  private static <T> T only(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
