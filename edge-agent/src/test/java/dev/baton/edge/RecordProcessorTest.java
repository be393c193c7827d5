package dev.baton.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.MutableClock;
import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.RejectReason;
import dev.baton.avro.v1.RolloutState;
import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.MintedCredential;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.credentials.seal.RegionSealer;
import dev.baton.credentials.seal.SealBinding;
import dev.baton.credentials.seal.SealedBox;
import dev.baton.edge.kafka.RolloutStatuses;
import dev.baton.edge.store.CredentialStore;
import dev.baton.edge.store.KeyStoreDirectory;
import dev.baton.edge.verify.ChainValidator;
import dev.baton.edge.verify.CredentialChecks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordProcessorTest {

  static final String REGION = "eu";

  @TempDir Path tmp;
  MutableClock clock;
  EdgeFixture fx;
  RegionKeyPair regionKey;
  EdgeFixture.Delegation web;
  CredentialStore store;
  EdgeMetrics metrics;
  RecordProcessor processor;
  boolean failWrites;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.now());
    fx = new EdgeFixture("unit", clock);
    regionKey = EdgeFixture.regionKey();
    web = fx.delegation("web.example.test");
    CredentialChecks checks = new CredentialChecks(REGION, regionKey, new ChainValidator(List.of(fx.ca())), clock);
    KeyStoreDirectory dir = new KeyStoreDirectory(tmp.resolve("store"), point -> {
      if (failWrites) {
        throw new IOException("disk full (simulated)");
      }
    });
    store = new CredentialStore(dir, checks::checkStored, clock);
    store.load();
    metrics = new EdgeMetrics(new SimpleMeterRegistry(), store::snapshot);
    processor = new RecordProcessor(checks, store, new RolloutStatuses("fra1", REGION, clock), metrics, clock);
  }

  CredentialIssued good(Duration validity) {
    return fx.event("web", REGION, web, fx.mint(web, validity), regionKey.publicKey());
  }

  @Test
  void process_validCredential_isInstalledAndReported() {
    CredentialIssued event = good(Duration.ofHours(24));
    RecordProcessor.Outcome out = processor.process("web", event);
    assertThat(out.status().getState()).isEqualTo(RolloutState.INSTALLED);
    assertThat(out.status().getSerial()).isEqualTo(event.getSerial());
    assertThat(out.status().getExpiresAt()).isEqualTo(event.getExpiresAt());
    assertThat(out.retry()).isFalse();
    assertThat(store.snapshot().current("web").orElseThrow().serial()).isEqualTo(event.getSerial());
    assertThat(tmp.resolve("store/web/dc-" + event.getSerial() + ".key")).exists();
    assertThat(metrics.installs()).isEqualTo(1.0);
  }

  @Test
  void process_sameSerialAgain_isAcknowledgedWithoutRewrite() throws IOException {
    CredentialIssued event = good(Duration.ofHours(24));
    processor.process("web", event);
    Path key = tmp.resolve("store/web/dc-" + event.getSerial() + ".key");
    var written = Files.getLastModifiedTime(key);
    failWrites = true; // any write would now fail
    RecordProcessor.Outcome again = processor.process("web", event);
    assertThat(again.status().getState()).isEqualTo(RolloutState.INSTALLED);
    assertThat(again.retry()).isFalse();
    assertThat(Files.getLastModifiedTime(key)).isEqualTo(written);
    assertThat(metrics.installs()).isEqualTo(1.0);
  }

  @Test
  void process_olderCredentialAfterNewer_isRejectedStaleAndNewerStays() {
    CredentialIssued older = good(Duration.ofHours(12));
    CredentialIssued newer = good(Duration.ofHours(24));
    processor.process("web", newer);
    assertRejected(processor.process("web", older), RejectReason.STALE);
    assertThat(store.snapshot().current("web").orElseThrow().serial()).isEqualTo(newer.getSerial());
  }

  @Test
  void process_newerCredential_replacesAndKeepsPrevious() {
    CredentialIssued first = good(Duration.ofHours(12));
    CredentialIssued second = good(Duration.ofHours(24));
    processor.process("web", first);
    processor.process("web", second);
    assertThat(store.snapshot().all("web")).extracting(c -> c.serial()).containsExactly(second.getSerial(), first.getSerial());
  }

  @Test
  void process_keyNotCertificateId_isRejectedMalformed() {
    assertRejected(processor.process("other", good(Duration.ofHours(1))), RejectReason.MALFORMED);
  }

  @Test
  void process_garbageCredentialBytes_isRejectedMalformed() {
    CredentialIssued event = good(Duration.ofHours(1));
    event.setDelegatedCredential(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertRejected(processor.process("web", event), RejectReason.MALFORMED);
  }

  @Test
  void process_otherRegion_isRejectedWrongRegion() {
    MintedCredential m = fx.mint(web, Duration.ofHours(1));
    assertRejected(processor.process("web", fx.event("web", "us", web, m, regionKey.publicKey())), RejectReason.WRONG_REGION);
  }

  @Test
  void process_certificateFromUnknownCa_isRejectedUntrustedAndDoesNotDisplaceGoodOne() {
    CredentialIssued goodEvent = good(Duration.ofHours(12));
    processor.process("web", goodEvent);
    EdgeFixture rogue = new EdgeFixture("rogue", clock);
    EdgeFixture.Delegation d = rogue.delegation("web.example.test");
    CredentialIssued forged = rogue.event("web", REGION, d, rogue.mint(d, Duration.ofHours(48)), regionKey.publicKey());
    assertRejected(processor.process("web", forged), RejectReason.UNTRUSTED_CHAIN);
    assertThat(store.snapshot().current("web").orElseThrow().serial()).isEqualTo(goodEvent.getSerial());
  }

  @Test
  void process_forgedCredentialSignature_isRejectedInvalid() {
    MintedCredential m = fx.mint(web, Duration.ofHours(1));
    byte[] bytes = m.credential().encode();
    bytes[bytes.length - 5] ^= 0x01; // inside the signature
    DelegatedCredential forged = DelegatedCredential.parse(bytes);
    CredentialIssued event = good(Duration.ofHours(1));
    event.setDelegatedCredential(ByteBuffer.wrap(bytes));
    event.setSerial(forged.serial());
    assertRejected(processor.process("web", event), RejectReason.INVALID_CREDENTIAL);
  }

  @Test
  void process_sealedToAnotherRegionKey_isRejectedSealOpenFailed() {
    MintedCredential m = fx.mint(web, Duration.ofHours(1));
    CredentialIssued event = fx.event("web", REGION, web, m, EdgeFixture.regionKey().publicKey());
    assertRejected(processor.process("web", event), RejectReason.SEAL_OPEN_FAILED);
  }

  @Test
  void process_sealBoundToAnotherCertificate_isRejectedSealOpenFailed() {
    MintedCredential m = fx.mint(web, Duration.ofHours(1));
    CredentialIssued event = resealed(m, new SealBinding(REGION, "other", m.credential().fingerprint()), m.privateKeyPkcs8());
    assertRejected(processor.process("web", event), RejectReason.SEAL_OPEN_FAILED);
  }

  @Test
  void process_sealedKeyOfAnotherCredential_isRejectedKeyMismatch() {
    MintedCredential m = fx.mint(web, Duration.ofHours(1));
    MintedCredential other = fx.mint(web, Duration.ofHours(1));
    CredentialIssued event = resealed(m, new SealBinding(REGION, "web", m.credential().fingerprint()), other.privateKeyPkcs8());
    assertRejected(processor.process("web", event), RejectReason.KEY_MISMATCH);
  }

  @Test
  void process_expiredCredential_isRejectedExpired() {
    CredentialIssued event = good(Duration.ofHours(1));
    clock.advance(Duration.ofHours(2));
    assertRejected(processor.process("web", event), RejectReason.EXPIRED);
  }

  @Test
  void process_storeFailure_isReportedAndRetried() {
    failWrites = true;
    RecordProcessor.Outcome out = processor.process("web", good(Duration.ofHours(1)));
    assertThat(out.retry()).isTrue();
    assertThat(out.status().getReasonCode()).isEqualTo(RejectReason.STORE_FAILED);
    assertThat(store.snapshot().current("web")).isEmpty();
  }

  @Test
  void process_tombstone_purgesKeysAndReportsRemoved() throws IOException {
    processor.process("web", good(Duration.ofHours(1)));
    processor.process("web", good(Duration.ofHours(2)));
    RecordProcessor.Outcome out = processor.process("web", null);
    assertThat(out.status().getState()).isEqualTo(RolloutState.REMOVED);
    assertThat(store.snapshot().current("web")).isEmpty();
    assertThat(tmp.resolve("store/web")).doesNotExist();
    try (Stream<Path> left = Files.list(tmp.resolve("store"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void malformed_withUnreadableKey_reportsNothingButCounts() {
    RecordProcessor.Outcome out = processor.malformed("../x", "bad bytes");
    assertThat(out.status()).isNull();
    assertThat(metrics.rejections(RejectReason.MALFORMED)).isEqualTo(1.0);
    assertThat(processor.malformed("web", "bad bytes").status().getReasonCode()).isEqualTo(RejectReason.MALFORMED);
  }

  @Test
  void restart_loadsInstalledCredentialsFromDisk() {
    CredentialIssued event = good(Duration.ofHours(3));
    processor.process("web", event);
    CredentialChecks checks = new CredentialChecks(REGION, regionKey, new ChainValidator(List.of(fx.ca())), clock);
    CredentialStore reloaded = new CredentialStore(new KeyStoreDirectory(tmp.resolve("store")), checks::checkStored, clock);
    assertThat(reloaded.load().current("web").orElseThrow().serial()).isEqualTo(event.getSerial());
  }

  @Test
  void collectGarbage_deletesExpiredPreviousThenExpiredCurrent() {
    CredentialIssued first = good(Duration.ofHours(1));
    CredentialIssued second = good(Duration.ofHours(3));
    processor.process("web", first);
    processor.process("web", second);
    clock.advance(Duration.ofHours(2));
    assertThat(store.collectGarbage()).isEqualTo(1);
    assertThat(tmp.resolve("store/web/dc-" + first.getSerial() + ".key")).doesNotExist();
    assertThat(store.snapshot().all("web")).hasSize(1);
    clock.advance(Duration.ofHours(2));
    assertThat(store.collectGarbage()).isEqualTo(1);
    assertThat(tmp.resolve("store/web")).doesNotExist();
  }

  /** An event for {@code m} whose sealed key is {@code plaintext} sealed with {@code binding}. */
  private CredentialIssued resealed(MintedCredential m, SealBinding binding, byte[] plaintext) {
    CredentialIssued event = fx.event("web", REGION, web, m, regionKey.publicKey());
    SealedBox box = RegionSealer.seal(regionKey.publicKey(), binding, plaintext);
    event.getSealedKey().setCiphertext(ByteBuffer.wrap(box.ciphertext()));
    event.getSealedKey().setEncapsulatedKey(ByteBuffer.wrap(box.encapsulatedKey()));
    return event;
  }

  private void assertRejected(RecordProcessor.Outcome out, RejectReason reason) {
    assertThat(out.status().getState()).isEqualTo(RolloutState.REJECTED);
    assertThat(out.status().getReasonCode()).as(out.status().getReasonMessage()).isEqualTo(reason);
    assertThat(out.retry()).isFalse();
    assertThat(metrics.rejections(reason)).isEqualTo(1.0);
  }
}
