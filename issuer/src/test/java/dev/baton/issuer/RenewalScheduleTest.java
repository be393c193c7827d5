package dev.baton.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.SealedKey;
import dev.baton.issuer.Decision.Action;
import dev.baton.issuer.Decision.Reason;
import dev.baton.issuer.RenewalSchedule.Target;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenewalScheduleTest {

  private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
  private static final Duration DAY = Duration.ofHours(24);
  private static final PairKey PAIR = new PairKey("www", "eu");
  private static final Instant CERT_NOT_AFTER = T0.plus(Duration.ofDays(90));
  private static final Target TARGET = new Target("cert-fp-1", CERT_NOT_AFTER, "region-key-1");

  private final RenewalSchedule schedule = new RenewalSchedule(SchedulePolicy.defaults());

  private static IssuedCredential issued(PairKey pair, String serial, Instant at, Duration validity) {
    return new IssuedCredential(pair, serial, at, at.plus(validity), "cert-fp-1", "region-key-1");
  }

  private static PairState stateWith(IssuedCredential c) {
    return PairState.empty(c.pair()).withIssued(c);
  }

  @Test
  void decide_pairWithoutCredential_mintsAtOnceWithFullLifetime() {
    Decision d = schedule.decide(PairState.empty(PAIR), TARGET, T0);
    assertThat(d.action()).isEqualTo(Action.MINT);
    assertThat(d.reason()).isEqualTo(Reason.NO_CREDENTIAL);
    assertThat(d.validity()).isEqualTo(DAY);
  }

  @Test
  void decide_waitsUntilRenewalPoint_thenMints() {
    IssuedCredential c = issued(PAIR, "s1", T0, DAY);
    Instant renewAt = schedule.renewalPoint(c);

    Decision before = schedule.decide(stateWith(c), TARGET, renewAt.minusMillis(1));
    assertThat(before.action()).isEqualTo(Action.WAIT);
    assertThat(before.reason()).isEqualTo(Reason.FRESH);
    assertThat(before.at()).isEqualTo(renewAt);

    Decision at = schedule.decide(stateWith(c), TARGET, renewAt);
    assertThat(at.action()).isEqualTo(Action.MINT);
    assertThat(at.reason()).isEqualTo(Reason.RENEWAL_DUE);
  }

  @Test
  void renewalPoint_staysWithinJitterBounds_isStablePerPair_andSpreadsAcrossPairs() {
    Set<Instant> points = new HashSet<>();
    Instant half = T0.plus(DAY.dividedBy(2));
    Duration jitter = Duration.ofMillis(Math.round(DAY.toMillis() * 0.5 * 0.1));
    for (int i = 0; i < 500; i++) {
      IssuedCredential c = issued(new PairKey("cert-" + i, "eu"), "serial-" + i, T0, DAY);
      Instant p = schedule.renewalPoint(c);
      assertThat(p).isBetween(half.minus(jitter), half.plus(jitter));
      assertThat(schedule.renewalPoint(c)).isEqualTo(p);
      points.add(p);
    }
    assertThat(points).hasSizeGreaterThan(400);
    List<Instant> sorted = new ArrayList<>(points);
    sorted.sort(null);
    // Spread over most of the jitter window, not bunched at one end.
    assertThat(Duration.between(sorted.get(0), sorted.get(sorted.size() - 1))).isGreaterThan(jitter);
  }

  @Test
  void renewalPoint_withoutJitter_isExactlyTheRenewalFraction() {
    RenewalSchedule exact = new RenewalSchedule(
        new SchedulePolicy(DAY, 0.75, 0.0, Duration.ofSeconds(1), Duration.ofMinutes(5)));
    assertThat(exact.renewalPoint(issued(PAIR, "s", T0, DAY))).isEqualTo(T0.plus(Duration.ofHours(18)));
  }

  @Test
  void decide_certificateEndingWithinLifetime_capsValidityBelowNotAfter() {
    Instant notAfter = T0.plus(Duration.ofHours(10)).plusMillis(700);
    Decision d = schedule.decide(PairState.empty(PAIR), new Target("cert-fp-1", notAfter, "region-key-1"), T0);
    assertThat(d.action()).isEqualTo(Action.MINT);
    assertThat(T0.plus(d.validity())).isBefore(notAfter).isAfter(notAfter.minusSeconds(3));
    assertThat(d.validity().getNano()).isZero();
  }

  @Test
  void decide_credentialAlreadyCappedAtNotAfter_holdsInsteadOfShrinkingRenewals() {
    Instant notAfter = T0.plus(Duration.ofHours(10));
    Target target = new Target("cert-fp-1", notAfter, "region-key-1");
    IssuedCredential capped = issued(PAIR, "s", T0, schedule.validity(notAfter, T0));
    Decision d = schedule.decide(stateWith(capped), target, T0.plus(Duration.ofHours(9)));
    assertThat(d.action()).isEqualTo(Action.HOLD);
    assertThat(d.reason()).isEqualTo(Reason.CAPPED_AT_CERTIFICATE_EXPIRY);
  }

  @Test
  void decide_certificateAboutToExpire_holds() {
    Target target = new Target("cert-fp-1", T0.plus(Duration.ofMinutes(2)), "region-key-1");
    Decision d = schedule.decide(PairState.empty(PAIR), target, T0);
    assertThat(d.action()).isEqualTo(Action.HOLD);
    assertThat(d.reason()).isEqualTo(Reason.CERTIFICATE_EXPIRING);
  }

  @Test
  void decide_rotatedRegionKey_mintsFreshCredentialAtOnce() {
    IssuedCredential fresh = issued(PAIR, "s1", T0, DAY);
    Target rotated = new Target("cert-fp-1", CERT_NOT_AFTER, "region-key-2");
    Decision d = schedule.decide(stateWith(fresh), rotated, T0.plusSeconds(60));
    assertThat(d.action()).isEqualTo(Action.MINT);
    assertThat(d.reason()).isEqualTo(Reason.REGION_KEY_ROTATED);
  }

  @Test
  void decide_replacedCertificate_mintsAtOnce() {
    IssuedCredential fresh = issued(PAIR, "s1", T0, DAY);
    Target replaced = new Target("cert-fp-2", CERT_NOT_AFTER, "region-key-1");
    Decision d = schedule.decide(stateWith(fresh), replaced, T0.plusSeconds(60));
    assertThat(d.reason()).isEqualTo(Reason.CERTIFICATE_REPLACED);
    assertThat(d.action()).isEqualTo(Action.MINT);
  }

  @Test
  void decide_newRegionBesideFreshOnes_mintsOnlyTheNewPair() {
    IssuedCredential eu = issued(PAIR, "s1", T0, DAY);
    PairKey us = new PairKey("www", "us");
    Instant now = T0.plusSeconds(60);
    assertThat(schedule.decide(stateWith(eu), TARGET, now).action()).isEqualTo(Action.WAIT);
    assertThat(schedule.decide(PairState.empty(us), TARGET, now).action()).isEqualTo(Action.MINT);
  }

  @Test
  void decide_stateReadBackFromIssuedEvent_isFreshAndNotMintedAgain() {
    CredentialIssued event = event(PAIR, "s1", T0, DAY, new byte[] {1, 2, 3}, "region-key-1");
    IssuedCredential readBack = IssuedCredential.of(event);
    Target target = new Target(Hashes.sha256Hex(new byte[] {1, 2, 3}), CERT_NOT_AFTER, "region-key-1");

    Decision afterRestart = schedule.decide(stateWith(readBack), target, T0.plus(Duration.ofHours(1)));
    assertThat(afterRestart.action()).isEqualTo(Action.WAIT);
    assertThat(afterRestart.at()).isEqualTo(schedule.renewalPoint(readBack));
  }

  @Test
  void decide_operatorRequestAfterNewest_mints_andIsClearedByTheNextCredential() {
    IssuedCredential fresh = issued(PAIR, "s1", T0, DAY);
    Instant requested = T0.plusSeconds(600);
    PairState state = stateWith(fresh).withRequest(requested);
    Decision d = schedule.decide(state, TARGET, requested);
    assertThat(d.action()).isEqualTo(Action.MINT);
    assertThat(d.reason()).isEqualTo(Reason.REQUESTED);

    PairState after = state.withIssued(issued(PAIR, "s2", requested.plusMillis(5), DAY));
    assertThat(after.requestedAt()).isNull();
    assertThat(schedule.decide(after, TARGET, requested.plusSeconds(1)).action()).isEqualTo(Action.WAIT);
  }

  @Test
  void decide_requestOlderThanNewest_isAlreadySatisfied() {
    IssuedCredential fresh = issued(PAIR, "s1", T0, DAY);
    PairState state = stateWith(fresh).withRequest(T0.minusSeconds(1));
    assertThat(schedule.decide(state, TARGET, T0.plusSeconds(5)).action()).isEqualTo(Action.WAIT);
  }

  @Test
  void retryAt_growsExponentially_isCapped_andJitteredDownwardOnly() {
    SchedulePolicy p = SchedulePolicy.defaults();
    long previous = 0;
    for (int failures = 1; failures <= 40; failures++) {
      long delay = Duration.between(T0, schedule.retryAt(PAIR, failures, T0)).toMillis();
      long base = Math.min(p.backoffMax().toMillis(), p.backoffInitial().toMillis() << Math.min(failures - 1, 30));
      assertThat(delay).isBetween(Math.round(base * (1 - p.jitterFraction())), base);
      if (failures <= 8) {
        assertThat(delay).isGreaterThan(previous);
      }
      previous = delay;
    }
  }

  @Test
  void decide_duringBackoff_waits_andAfterItRetriesForever() {
    PairState failed = PairState.empty(PAIR);
    Instant now = T0;
    for (int i = 1; i <= 50; i++) {
      failed = failed.withFailure(schedule.retryAt(PAIR, i, now));
      Decision waiting = schedule.decide(failed, TARGET, now);
      assertThat(waiting.action()).isEqualTo(Action.WAIT);
      assertThat(waiting.reason()).isEqualTo(Reason.BACKING_OFF);
      now = failed.retryAt();
      assertThat(schedule.decide(failed, TARGET, now).action()).isEqualTo(Action.MINT);
    }
    PairState recovered = failed.withIssued(issued(PAIR, "s1", now, DAY));
    assertThat(recovered.failures()).isZero();
    assertThat(recovered.retryAt()).isNull();
  }

  @Test
  void certificateExpiringSoon_withinTwoLifetimes() {
    assertThat(schedule.certificateExpiringSoon(T0.plus(Duration.ofHours(47)), T0)).isTrue();
    assertThat(schedule.certificateExpiringSoon(T0.plus(Duration.ofHours(49)), T0)).isFalse();
  }

  @Test
  void advancingClock_overTenDays_alwaysKeepsAValidCredentialWithHeadroom() {
    Instant now = T0;
    PairState state = PairState.empty(PAIR);
    int mints = 0;
    double latestFraction = 0.5 * 1.1;
    Duration minHeadroom = Duration.ofMillis(Math.round(DAY.toMillis() * (1 - latestFraction))).minusMinutes(1);
    for (; now.isBefore(T0.plus(Duration.ofDays(10))); now = now.plusSeconds(60)) {
      Decision d = schedule.decide(state, TARGET, now);
      if (d.action() == Action.MINT) {
        state = state.withIssued(issued(PAIR, "s" + mints++, now, d.validity()));
      }
      assertThat(Duration.between(now, state.newest().expiresAt())).isGreaterThan(minHeadroom);
    }
    // Renewal at half-life +/- 10%: about two mints a day, never one per tick.
    assertThat(mints).isBetween(18, 23);
  }

  static CredentialIssued event(PairKey pair, String serial, Instant at, Duration validity, byte[] certDer,
      String regionKeyId) {
    SealedKey sealed = SealedKey.newBuilder().setKemId(0x20).setKdfId(1).setAeadId(1).setRegionKeyId(regionKeyId)
        .setEncapsulatedKey(ByteBuffer.wrap(new byte[32])).setCiphertext(ByteBuffer.wrap(new byte[48])).build();
    return CredentialIssued.newBuilder().setCertificateId(pair.certificateId()).setRegion(pair.region())
        .setSerial(serial).setCertificateChain(List.of(ByteBuffer.wrap(certDer)))
        .setDelegatedCredential(ByteBuffer.wrap(new byte[8])).setSealedKey(sealed).setIssuedAt(at)
        .setExpiresAt(at.plus(validity)).setIssuerId("test").build();
  }
}
