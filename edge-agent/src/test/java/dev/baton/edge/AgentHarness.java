package dev.baton.edge;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.credentials.Pem;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Topic;
import dev.baton.schemas.Topics;
import dev.baton.service.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One region on the shared embedded stack for an IT: its topic, region key, trust anchors, agent
 * configs, a producer of region records and a reader of the agent's statuses.
 */
final class AgentHarness implements AutoCloseable {

  final EmbeddedStack stack;
  final String region;
  final RegionKeyPair regionKey = EdgeFixture.regionKey();
  final EdgeFixture fx = new EdgeFixture("it", java.time.Clock.systemUTC());
  final Path dir;
  private final Topic<String, CredentialIssued> topic;
  private final KafkaProducer<String, CredentialIssued> producer;
  private final KafkaProducer<String, byte[]> rawProducer;
  private final KafkaConsumer<String, RolloutStatus> statusReader;
  private final List<RolloutStatus> statuses = new ArrayList<>();
  private final List<String> statusKeys = new ArrayList<>();

  AgentHarness(EmbeddedStack stack, Path dir) throws Exception {
    this.stack = stack;
    this.dir = dir;
    this.region = "it-" + UUID.randomUUID().toString().substring(0, 8);
    this.topic = Topics.region(region);
    Admin admin = stack.kafka().admin();
    create(admin, topic);
    create(admin, Topics.ROLLOUT_STATUS);
    Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(props, new StringSerializer(), topic.valueSerde(serde).serializer());
    rawProducer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    statusReader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
        Topics.ROLLOUT_STATUS.keySerde(serde).deserializer(), Topics.ROLLOUT_STATUS.valueSerde(serde).deserializer());
    List<TopicPartition> parts = new ArrayList<>();
    for (int p = 0; p < Topics.ROLLOUT_STATUS.partitions(); p++) {
      parts.add(new TopicPartition(Topics.ROLLOUT_STATUS.name(), p));
    }
    statusReader.assign(parts);
    statusReader.seekToBeginning(parts);
    Files.writeString(dir.resolve("region.key"), regionKey.encodePrivatePem());
    Files.writeString(dir.resolve("anchors.pem"), Pem.encodeCertificates(List.of(fx.ca())));
  }

  private static void create(Admin admin, Topic<?, ?> t) throws InterruptedException, ExecutionException {
    try {
      admin.createTopics(List.of(t.newTopic((short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** The config of an agent for {@code datacenter} in this region (ports 0, store under the test dir). */
  EdgeAgentConfig config(String datacenter, Map<String, String> overrides) {
    Map<String, String> m = new HashMap<>();
    m.put("edge.datacenter", datacenter);
    m.put("edge.region", region);
    m.put("edge.region.key", dir.resolve("region.key").toString());
    m.put("edge.store.dir", dir.resolve("store-" + datacenter).toString());
    m.put("edge.trust.anchors", dir.resolve("anchors.pem").toString());
    m.put("edge.tls.port", "0");
    m.put("management.port", "0");
    m.put("edge.heartbeat.interval", "300ms");
    m.put("bootstrap.servers", stack.bootstrapServers());
    m.put("schema.registry.url", stack.schemaRegistryUrl());
    m.putAll(overrides);
    return EdgeAgentConfig.from(ConfigSource.of(m));
  }

  void send(String key, CredentialIssued event) throws Exception {
    producer.send(new ProducerRecord<>(topic.name(), key, event)).get();
  }

  void sendRaw(String key, byte[] value) throws Exception {
    rawProducer.send(new ProducerRecord<>(topic.name(), key, value)).get();
  }

  /** Statuses of {@code datacenter} (key {@code datacenter} or {@code datacenter/...}) read so far, after polling once. */
  List<RolloutStatus> statuses(String datacenter) {
    statusReader.poll(Duration.ofMillis(200)).forEach(r -> {
      statusKeys.add(r.key());
      statuses.add(r.value());
    });
    List<RolloutStatus> out = new ArrayList<>();
    for (int i = 0; i < statuses.size(); i++) {
      String k = statusKeys.get(i);
      if (k.equals(datacenter) || k.startsWith(datacenter + "/")) {
        out.add(statuses.get(i));
      }
    }
    return out;
  }

  /** Waits (up to 90 s: the machine is shared and slow) until the condition holds. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(90);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(100);
    }
  }

  static String describe(List<RolloutStatus> list) {
    return list.stream().map(s -> s.getState() + "/" + s.getCertificateId() + "/" + s.getReasonCode())
        .collect(Collectors.joining(", "));
  }

  @Override
  public void close() throws IOException {
    producer.close();
    rawProducer.close();
    statusReader.close();
  }
}
