package dev.baton.monitor;

import static dev.baton.monitor.Events.heartbeat;
import static dev.baton.monitor.Events.installed;
import static dev.baton.monitor.Events.issued;
import static dev.baton.monitor.Events.rejected;
import static dev.baton.monitor.Events.removed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.MutableClock;
import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.RejectReason;
import dev.baton.schemas.Topic;
import dev.baton.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processor against a store that outlives it, as the changelog-restored store does across restarts. */
class TrackerProcessorTest {

  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  private static final Duration LIFETIME = Duration.ofHours(2);
  private static final TrackerPolicy POLICY =
      new TrackerPolicy(Duration.ofMinutes(30), Duration.ofSeconds(10), 3, Duration.ofDays(1));

  private final MutableClock clock = new MutableClock(T0);
  private final Map<String, Object> serde = Map.of("schema.registry.url", "mock://processor-" + UUID.randomUUID());
  private final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
  private final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore(MonitorTopology.FACTS_STORE), Serdes.String(), Serdes.ByteArray())
      .withLoggingDisabled().build();
  private long offset;

  @BeforeEach
  void openStore() {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private TrackerProcessor start(RolloutTracker tracker) {
    TrackerProcessor p = new TrackerProcessor(tracker, serde, DeadLetterListener.NONE);
    p.init(context);
    return p;
  }

  private void feed(TrackerProcessor p, SpecificRecord event) {
    Topic<String, ? extends SpecificRecord> topic = event instanceof CredentialIssued ? Topics.CREDENTIALS_ISSUED
        : event instanceof GeoPolicy ? Topics.POLICY : Topics.ROLLOUT_STATUS;
    @SuppressWarnings("unchecked")
    Serializer<SpecificRecord> ser = (Serializer<SpecificRecord>) topic.valueSerde(serde).serializer();
    context.setRecordMetadata(topic.name(), 0, offset++);
    p.process(new Record<>(new byte[0], ser.serialize(topic.name(), event), 0L));
  }

  @Test
  void restart_rebuildsTheSameViewsFromTheStoredFacts() {
    RolloutTracker first = new RolloutTracker(clock, POLICY);
    TrackerProcessor p = start(first);
    feed(p, heartbeat("fra1", "eu", T0, 0, null));
    feed(p, issued("www", "eu", "s1", T0, T0.plus(LIFETIME)));
    feed(p, installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(3), T0.plus(LIFETIME)));
    feed(p, installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(300), T0.plus(LIFETIME))); // re-delivery
    feed(p, installed("ams1", "eu", "www", "s1", T0, T0.plusSeconds(4), T0.plus(LIFETIME)));
    feed(p, removed("ams1", "eu", "www", T0.plusSeconds(9)));
    feed(p, rejected("ams1", "eu", "api", "a7", RejectReason.UNTRUSTED_CHAIN, T0.plusSeconds(10)));
    feed(p, heartbeat("fra1", "eu", T0.plusSeconds(20), 1, T0.plus(LIFETIME)));
    feed(p, Events.policy("www", "eu", "us"));
    feed(p, Events.policy("api", "us"));
    context.setRecordMetadata(Topics.POLICY.name(), 0, offset++);
    p.process(new Record<>("www".getBytes(java.nio.charset.StandardCharsets.UTF_8), null, 0L));
    p.close();

    RolloutTracker second = new RolloutTracker(clock, POLICY);
    start(second).close();

    assertThat(second.datacenters()).isEqualTo(first.datacenters());
    assertThat(second.rollouts()).isEqualTo(first.rollouts());
    assertThat(second.datacenter("fra1").orElseThrow().lastLag()).isEqualTo(Duration.ofSeconds(3));
    assertThat(second.rollouts()).allSatisfy(r -> assertThat(r.allowed()).isFalse());
    assertThat(second.rollouts()).filteredOn(r -> r.certificateId().equals("www"))
        .singleElement().satisfies(r -> assertThat(r.installedBy()).containsExactly("fra1"));
  }

  @Test
  void prunePunctuation_dropsFactsBeyondTheHorizon_soARestartForgetsThemToo() {
    RolloutTracker tracker = new RolloutTracker(clock, POLICY);
    TrackerProcessor p = start(tracker);
    feed(p, issued("www", "eu", "s1", T0, T0.plus(LIFETIME)));
    feed(p, heartbeat("fra1", "eu", T0, 0, null));
    clock.advance(Duration.ofDays(1).plus(LIFETIME).plusSeconds(1));
    feed(p, heartbeat("ams1", "eu", clock.instant(), 0, null));

    List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
    assertThat(punctuators).hasSize(1);
    punctuators.get(0).getPunctuator().punctuate(clock.millis());

    assertThat(tracker.rollouts()).isEmpty();
    assertThat(tracker.datacenters()).extracting(DatacenterView::datacenter).containsExactly("ams1");
    assertThat(store.approximateNumEntries()).isEqualTo(1);
    RolloutTracker restarted = new RolloutTracker(clock, POLICY);
    start(restarted);
    assertThat(restarted.datacenters()).isEqualTo(tracker.datacenters());
  }
}
