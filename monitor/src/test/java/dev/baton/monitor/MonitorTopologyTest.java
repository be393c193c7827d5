package dev.baton.monitor;

import static dev.baton.monitor.Events.heartbeat;
import static dev.baton.monitor.Events.installed;
import static dev.baton.monitor.Events.issued;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.MutableClock;
import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.schemas.Topics;
import dev.baton.service.ConfigSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorTopologyTest {

  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  private static final Duration LIFETIME = Duration.ofHours(2);

  private final MutableClock clock = new MutableClock(T0);
  private final List<String> deadLettered = new ArrayList<>();
  private MonitorConfig config;
  private RolloutTracker tracker;
  private TopologyTestDriver driver;
  private TestInputTopic<String, CredentialIssued> issuedTopic;
  private TestInputTopic<String, RolloutStatus> statusTopic;
  private TestInputTopic<byte[], byte[]> rawStatusTopic;
  private TestOutputTopic<byte[], byte[]> dlq;

  @BeforeEach
  void start() {
    config = MonitorConfig.from(ConfigSource.of(Map.of(
        "bootstrap.servers", "unused:9092",
        "schema.registry.url", "mock://monitor-topology-" + UUID.randomUUID(),
        "monitor.headroom.alert", "30m",
        "monitor.heartbeat.interval", "10s",
        "monitor.heartbeat.missed", "3")));
    tracker = new RolloutTracker(clock, config.policy());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(
        MonitorTopology.build(config, tracker, (topic, reason) -> deadLettered.add(topic + ":" + reason)), props);
    Map<String, Object> serde = config.kafka().serdeProperties();
    issuedTopic = driver.createInputTopic(Topics.CREDENTIALS_ISSUED.name(), new StringSerializer(),
        Topics.CREDENTIALS_ISSUED.valueSerde(serde).serializer());
    statusTopic = driver.createInputTopic(Topics.ROLLOUT_STATUS.name(), new StringSerializer(),
        Topics.ROLLOUT_STATUS.valueSerde(serde).serializer());
    rawStatusTopic = driver.createInputTopic(Topics.ROLLOUT_STATUS.name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    dlq = driver.createOutputTopic(Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void issue(String cert, String region, String serial, Instant at) {
    issuedTopic.pipeInput(Topics.credentialKey(cert, region), issued(cert, region, serial, at, at.plus(LIFETIME)));
  }

  private void status(RolloutStatus s) {
    String key = s.getCertificateId() == null ? s.getDatacenter() : Topics.statusKey(s.getDatacenter(),
        s.getCertificateId());
    statusTopic.pipeInput(key, s);
  }

  @Test
  void issuedThenInstalled_computesTheLag() {
    issue("www", "eu", "s1", T0);
    status(installed("fra1", "eu", "www", "s1", T0, T0.plusMillis(2500), T0.plus(LIFETIME)));

    DatacenterView fra1 = tracker.datacenter("fra1").orElseThrow();
    assertThat(fra1.lastLag()).isEqualTo(Duration.ofMillis(2500));
    assertThat(fra1.newestExpiry()).isEqualTo(T0.plus(LIFETIME));
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void installsFromTwoOfThreeDatacenters_giveTwoThirdsCoverage() {
    for (String dc : List.of("fra1", "ams1", "lhr1")) {
      status(heartbeat(dc, "eu", T0, 0, null));
    }
    issue("www", "eu", "s1", T0);
    status(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(1), T0.plus(LIFETIME)));
    status(installed("ams1", "eu", "www", "s1", T0, T0.plusSeconds(2), T0.plus(LIFETIME)));

    RolloutView rollout = tracker.rollouts().get(0);
    assertThat(rollout.installedBy()).containsExactly("ams1", "fra1");
    assertThat(rollout.coverage()).isEqualTo(2.0 / 3);
    assertThat(tracker.regionCoverage()).containsExactly(new RegionCoverage("eu", 3, 1, 2));
  }

  @Test
  void policyAndItsTombstone_decideWhichRolloutsCount() {
    TestInputTopic<String, GeoPolicy> policyTopic = driver.createInputTopic(Topics.POLICY.name(),
        new StringSerializer(), Topics.POLICY.valueSerde(config.kafka().serdeProperties()).serializer());
    status(heartbeat("iad1", "us", T0, 0, null));
    issue("www", "us", "s1", T0);
    policyTopic.pipeInput("www", Events.policy("www", "eu"));
    assertThat(tracker.datacenter("iad1").orElseThrow().missing()).isEmpty();

    policyTopic.pipeInput("www", Events.policy("www", "eu", "us"));
    assertThat(tracker.datacenter("iad1").orElseThrow().missing()).containsExactly("www");

    policyTopic.pipeInput("www", null);
    assertThat(tracker.datacenter("iad1").orElseThrow().missing()).isEmpty();
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void headroomBelowTheConfiguredAlert_flagsTheDatacenter() {
    issue("www", "eu", "s1", T0);
    status(installed("fra1", "eu", "www", "s1", T0, T0.plusSeconds(1), T0.plus(LIFETIME)));
    clock.advance(LIFETIME.minus(Duration.ofMinutes(31)));
    status(heartbeat("fra1", "eu", clock.instant(), 1, T0.plus(LIFETIME)));
    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).isEmpty();

    clock.advance(Duration.ofMinutes(2));
    status(heartbeat("fra1", "eu", clock.instant(), 1, T0.plus(LIFETIME)));
    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).containsExactly(Risk.LOW_HEADROOM);
  }

  @Test
  void heartbeatSilence_flagsTheDatacenter() {
    status(heartbeat("fra1", "eu", T0, 0, null));
    status(heartbeat("ams1", "eu", T0, 0, null));
    clock.advance(Duration.ofSeconds(31));
    status(heartbeat("ams1", "eu", clock.instant(), 0, null));

    assertThat(tracker.datacenter("fra1").orElseThrow().risks()).containsExactly(Risk.HEARTBEAT_SILENT);
    assertThat(tracker.datacenter("ams1").orElseThrow().risks()).isEmpty();
  }

  @Test
  void poisonRecord_goesToTheDlqWithReasonAndSource_andProcessingGoesOn() {
    byte[] poison = "not avro".getBytes(StandardCharsets.UTF_8);
    rawStatusTopic.pipeInput("fra1/www".getBytes(StandardCharsets.UTF_8), poison);
    status(heartbeat("fra1", "eu", T0, 0, null));

    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    assertThat(dead.value()).isEqualTo(poison);
    assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("fra1/www");
    assertThat(header(dead, Topics.DLQ_HEADER_REASON)).isEqualTo(TrackerProcessor.REASON_UNREADABLE);
    assertThat(header(dead, Topics.DLQ_HEADER_DETAIL)).contains("magic byte");
    assertThat(header(dead, Topics.DLQ_HEADER_SOURCE_TOPIC)).isEqualTo(Topics.ROLLOUT_STATUS.name());
    assertThat(header(dead, Topics.DLQ_HEADER_SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(dead, Topics.DLQ_HEADER_SOURCE_OFFSET)).isEqualTo("0");
    assertThat(deadLettered).containsExactly(Topics.ROLLOUT_STATUS.name() + ":UNREADABLE");
    assertThat(tracker.datacenter("fra1")).isPresent();
  }

  @Test
  void readableButIncompleteStatus_goesToTheDlqAsInvalid() {
    status(installed("fra1", "eu", "www", null, T0, T0, T0.plus(LIFETIME)));

    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    assertThat(header(dead, Topics.DLQ_HEADER_REASON)).isEqualTo(TrackerProcessor.REASON_INVALID);
    assertThat(header(dead, Topics.DLQ_HEADER_DETAIL)).isEqualTo("INSTALLED status has no serial");
    assertThat(tracker.datacenters()).isEmpty();
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    assertThat(h).as("header " + name).isNotNull();
    return new String(h.value(), StandardCharsets.UTF_8);
  }
}
