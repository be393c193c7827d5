package dev.baton.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.MutableClock;
import dev.baton.avro.v1.CredentialIssued;
import dev.baton.credentials.SignatureScheme;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.issuer.inventory.InventoryScanner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.NetworkException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerEngineTest {

  private final MutableClock clock = new MutableClock(Instant.now());
  private final SchedulePolicy policy = SchedulePolicy.defaults();
  private final Map<String, RegionKeyPair> regionKeys = new HashMap<>();
  private final FakeSink sink = new FakeSink();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private IssuerEngine engine;
  private InventoryScanner scanner;

  @TempDir
  Path inventory;

  /** Records sends; acks them at once unless told to hold or fail them. */
  static final class FakeSink implements IssuerEngine.Sink {
    final List<CredentialIssued> sent = new ArrayList<>();
    final List<CompletableFuture<Void>> pending = new ArrayList<>();
    boolean autoAck = true;
    RuntimeException failWith;

    @Override
    public CompletionStage<?> send(PairKey pair, CredentialIssued event) {
      sent.add(event);
      CompletableFuture<Void> f = new CompletableFuture<>();
      if (failWith != null) {
        f.completeExceptionally(failWith);
      } else if (autoAck) {
        f.complete(null);
      } else {
        pending.add(f);
      }
      return f;
    }

    List<CredentialIssued> drain() {
      List<CredentialIssued> out = new ArrayList<>(sent);
      sent.clear();
      return out;
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    TestCertificates.writePem(inventory, "www", TestCertificates.make("www", clock, Duration.ofDays(60)));
    TestCertificates.writePem(inventory, "api", TestCertificates.make("api", clock, Duration.ofDays(60)));
    scanner = new InventoryScanner(inventory, Map.of(), clock);
    CredentialFactory factory = new CredentialFactory(clock, SignatureScheme.ECDSA_SECP256R1_SHA256, "test-issuer");
    engine = new IssuerEngine(new RenewalSchedule(policy), factory::mint, sink, Runnable::run, clock,
        new IssuerMetrics(meters));
  }

  private void region(String name) {
    RegionKeyPair key = RegionKeyPair.generate();
    regionKeys.put(name, key);
    engine.applyRegion(new RegionEntry(name, key.publicKey(), key.publicKey().keyId(), clock.instant()));
  }

  private void startReady(Map<PairKey, IssuedCredential> readBack) {
    engine.applyInventory(scanner.scan());
    region("eu");
    region("us");
    engine.regionsLoaded();
    engine.applyReadBack(readBack);
  }

  private static List<String> pairs(List<CredentialIssued> events) {
    return events.stream().map(e -> e.getCertificateId() + "/" + e.getRegion()).sorted().toList();
  }

  @Test
  void beforeRegionsAndReadBack_nothingIsMinted_andNotReady() {
    engine.applyInventory(scanner.scan());
    region("eu");
    engine.tick();
    assertThat(sink.sent).isEmpty();
    assertThat(engine.readiness().ready()).isFalse();
    assertThat(engine.readiness().detail()).contains("regions").contains("read-back");
  }

  @Test
  void onceReady_everyPairIsMintedAtOnce_andEachEventVerifiesAndOpensOnlyInItsRegion() {
    startReady(Map.of());

    List<CredentialIssued> events = sink.drain();
    assertThat(pairs(events)).containsExactly("api/eu", "api/us", "www/eu", "www/us");
    events.forEach(e -> EventChecks.assertGood(e, regionKeys, clock));
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getIssuerId()).isEqualTo("test-issuer");
      assertThat(Duration.between(e.getIssuedAt(), e.getExpiresAt())).isBetween(policy.lifetime().minusHours(1),
          policy.lifetime());
    });
    assertThat(engine.newest()).hasSize(4);
    assertThat(engine.readiness().ready()).isTrue();
    assertThat(meters.get("baton.issuer.credentials.minted").tag("region", "eu").counters())
        .extracting(c -> c.count()).containsExactly(2.0);

    engine.tick();
    assertThat(sink.sent).as("fresh pairs are not minted again").isEmpty();
  }

  @Test
  void newRegion_getsCredentialsForEveryCertificateAtOnce() {
    startReady(Map.of());
    sink.drain();

    region("ap");

    assertThat(pairs(sink.drain())).containsExactly("api/ap", "www/ap");
  }

  @Test
  void rotatedRegionKey_resealsEveryCertificateAtOnce_toTheNewKey() {
    startReady(Map.of());
    sink.drain();
    clock.advance(Duration.ofMinutes(5));

    region("eu");

    List<CredentialIssued> events = sink.drain();
    assertThat(pairs(events)).containsExactly("api/eu", "www/eu");
    String newKeyId = regionKeys.get("eu").publicKey().keyId();
    assertThat(events).allSatisfy(e -> assertThat(e.getSealedKey().getRegionKeyId()).isEqualTo(newKeyId));
    events.forEach(e -> EventChecks.assertGood(e, regionKeys, clock));
  }

  @Test
  void restartWithReadBack_freshPairsAreNotMintedAgain_butMissingOnesAre() {
    startReady(Map.of());
    Map<PairKey, IssuedCredential> issued = new HashMap<>(engine.newest());
    issued.remove(new PairKey("www", "us"));
    sink.drain();
    Map<String, RegionKeyPair> keys = new HashMap<>(regionKeys);

    // A new engine (a restarted issuer) with the same regions and what it read back.
    setUpAgain();
    engine.applyInventory(scanner.scan());
    keys.forEach((name, key) -> engine.applyRegion(new RegionEntry(name, key.publicKey(), key.publicKey().keyId(),
        clock.instant())));
    engine.regionsLoaded();
    clock.advance(Duration.ofHours(1));
    engine.applyReadBack(issued);

    assertThat(pairs(sink.drain())).containsExactly("www/us");
  }

  private void setUpAgain() {
    CredentialFactory factory = new CredentialFactory(clock, SignatureScheme.ECDSA_SECP256R1_SHA256, "test-issuer");
    engine = new IssuerEngine(new RenewalSchedule(policy), factory::mint, sink, Runnable::run, clock,
        new IssuerMetrics(new SimpleMeterRegistry()));
  }

  @Test
  void renewalPoint_reached_mintsAgain() {
    startReady(Map.of());
    sink.drain();
    clock.advance(Duration.ofMillis(Math.round(policy.lifetime().toMillis() * 0.44)));
    engine.tick();
    assertThat(sink.sent).isEmpty();

    clock.advance(Duration.ofMillis(Math.round(policy.lifetime().toMillis() * 0.12)));
    engine.tick();
    assertThat(pairs(sink.drain())).containsExactly("api/eu", "api/us", "www/eu", "www/us");
  }

  @Test
  void failedSend_isNotCountedAsMinted_stopsTheRound_andIsRetriedAfterBackoff() {
    sink.failWith = new NetworkException("broker gone");
    startReady(Map.of());
    assertThat(sink.drain()).as("the first refused send ends the round").hasSize(1);
    assertThat(engine.newest()).isEmpty();

    sink.failWith = null;
    engine.tick();
    assertThat(sink.drain()).as("the other pairs; the failed one backs off").hasSize(3);

    clock.advance(policy.backoffInitial());
    engine.tick();
    assertThat(sink.drain()).hasSize(1);
    assertThat(engine.newest()).hasSize(4);
    assertThat(meters.get("baton.issuer.mint.failures").tag("reason", "send").counter().count()).isEqualTo(1.0);
  }

  @Test
  void sendFailingAfterAcceptance_backsOffOnlyThatPair() {
    sink.autoAck = false;
    startReady(Map.of());
    assertThat(sink.drain()).hasSize(4);
    sink.pending.get(0).completeExceptionally(new NetworkException("request timed out"));
    sink.pending.subList(1, 4).forEach(f -> f.complete(null));
    assertThat(engine.newest()).hasSize(3);

    sink.autoAck = true;
    clock.advance(policy.backoffInitial());
    engine.tick();
    assertThat(sink.drain()).hasSize(1);
    assertThat(engine.newest()).hasSize(4);
  }

  @Test
  void pairInFlight_isNotMintedTwice_andCountsOnlyOnceAcked() {
    sink.autoAck = false;
    startReady(Map.of());
    engine.tick();
    clock.advance(Duration.ofMinutes(10));
    engine.tick();
    assertThat(sink.drain()).hasSize(4);
    assertThat(engine.newest()).isEmpty();

    sink.pending.forEach(f -> f.complete(null));
    assertThat(engine.newest()).hasSize(4);
  }

  @Test
  void issueRequest_mintsAFreshCredential_forOneRegionOrAll_andIgnoresUnknownCertificates() {
    startReady(Map.of());
    sink.drain();
    clock.advance(Duration.ofMinutes(1));

    engine.applyRequest("www", "eu", clock.instant());
    assertThat(pairs(sink.drain())).containsExactly("www/eu");

    clock.advance(Duration.ofMinutes(1));
    engine.applyRequest("api", null, clock.instant());
    assertThat(pairs(sink.drain())).containsExactly("api/eu", "api/us");

    engine.applyRequest("unknown", null, clock.instant());
    engine.tick();
    assertThat(sink.sent).isEmpty();
  }

  @Test
  void replacedCertificate_getsFreshCredentialsAtOnce() throws Exception {
    startReady(Map.of());
    sink.drain();
    TestCertificates.writePem(inventory, "www", TestCertificates.make("www", clock, Duration.ofDays(90)));

    engine.applyInventory(scanner.scan());

    List<CredentialIssued> events = sink.drain();
    assertThat(pairs(events)).containsExactly("www/eu", "www/us");
    events.forEach(e -> EventChecks.assertGood(e, regionKeys, clock));
  }

  @Test
  void certificateNearItsExpiry_capsCredentials_andRaisesTheExpiringGauge() throws Exception {
    TestCertificates.writePem(inventory, "www", TestCertificates.make("www", clock, Duration.ofHours(13)));
    startReady(Map.of());

    CredentialIssued www = sink.drain().stream().filter(e -> e.getCertificateId().equals("www")).findFirst().orElseThrow();
    assertThat(Duration.between(www.getIssuedAt(), www.getExpiresAt())).isLessThan(Duration.ofHours(12));
    EventChecks.assertGood(www, regionKeys, clock);
    assertThat(meters.get("baton.issuer.certificate.expiring").tag("certificate", "www").gauge().value()).isEqualTo(1.0);
    assertThat(meters.get("baton.issuer.certificate.expiring").tag("certificate", "api").gauge().value()).isEqualTo(0.0);
  }
}
