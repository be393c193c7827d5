package dev.baton.distributor;


import dev.baton.embedded.MutableClock;
import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.schemas.Topics;
import dev.baton.schemas.registry.InMemorySchemaRegistry;
import dev.baton.service.ConfigSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the distributor topology in TopologyTestDriver with the production topic names, a mock
 * registry of its own, a clock the test moves, and helpers to feed inputs and drain outputs.
 */
abstract class TopologyTestSupport {


  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final Instant EARLIER = NOW.minus(Duration.ofHours(12));
  static final Duration DAYS_7 = Duration.ofDays(7);

  @TempDir Path stateDir;

  final String scope = "distributor-" + UUID.randomUUID();
  final MutableClock clock = new MutableClock(NOW);
  final DistributorMetrics metrics = DistributorMetrics.inMemory();
  TopologyTestDriver driver;
  Map<String, Object> serdeConfig;
  TestInputTopic<String, CredentialIssued> credentials;
  TestInputTopic<String, GeoPolicy> policies;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
    InMemorySchemaRegistry.drop(scope);
  }

  void start(UnknownPolicy unknownPolicy) {
    start(unknownPolicy, Map.of());
  }

  void start(UnknownPolicy unknownPolicy, Map<String, String> overrides) {
    start(unknownPolicy, overrides, RegionTopics.assumeExisting());
  }

  void start(UnknownPolicy unknownPolicy, Map<String, String> overrides, RegionTopics regionTopics) {
    DistributorConfig config = DistributorConfig.from(ConfigSource.of(Map.of(
        "bootstrap.servers", "127.0.0.1:1",
        "schema.registry.url", "mock://" + scope,
        DistributorConfig.UNKNOWN_POLICY, unknownPolicy.configName())));
    serdeConfig = config.kafka().serdeProperties();
    Properties props = config.streamsProperties();
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(DistributorMetrics.CONFIG_KEY, metrics);
    props.putAll(overrides);
    driver = new TopologyTestDriver(DistributorTopology.build(config,
        new DistributorTopology.Dependencies(clock, regionTopics, metrics)), props, NOW);
    Serde<CredentialIssued> c = Topics.CREDENTIALS_ISSUED.valueSerde(serdeConfig);
    Serde<GeoPolicy> p = Topics.POLICY.valueSerde(serdeConfig);
    credentials = driver.createInputTopic(Topics.CREDENTIALS_ISSUED.name(), new StringSerializer(), c.serializer());
    policies = driver.createInputTopic(Topics.POLICY.name(), new StringSerializer(), p.serializer());
  }

  void issue(CredentialIssued c) {
    credentials.pipeInput(Topics.credentialKey(c.getCertificateId(), c.getRegion()), c);
  }

  void setPolicy(GeoPolicy p) {
    policies.pipeInput(p.getCertificateId(), p);
  }

  /** Every record written to a region topic since the last call, as (key, value or null). */
  List<KeyValue<String, CredentialIssued>> drain(String region) {
    return driver.createOutputTopic(Topics.region(region).name(), new StringDeserializer(),
        Topics.region(region).valueSerde(serdeConfig).deserializer()).readKeyValuesToList();
  }

  List<TestRecord<byte[], byte[]>> drainDeadLetters() {
    return driver.createOutputTopic(Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
        .readRecordsToList();
  }

  static String header(Headers headers, String key) {
    Header h = headers.lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
