package dev.baton.distributor;

import static dev.baton.distributor.Credentials.credential;
import static dev.baton.distributor.Credentials.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once on a real broker: 10,002 credentials (3,334 certificates x 3 regions) under a
 * mixed policy; the distributor is SIGKILLed while routing and restarted on the same state
 * directory, then a quarter of the policies shrink. Every allowed (certificate, region) pair must
 * hold exactly one committed credential, every dropped pair its credential and one tombstone,
 * every other pair nothing, and the one poison record exactly one dead letter.
 */
@ExtendWith(EmbeddedStackExtension.class)
class DistributorIT {

  private static final Logger LOG = LoggerFactory.getLogger(DistributorIT.class);
  private static final List<String> REGIONS = List.of("eu", "us", "apac");
  private static final int CERTIFICATES = 3_334;
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dir;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() throws InterruptedException {
    // A failed assertion must not leave a distributor JVM running after the test.
    for (Process p : processes) {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Allowed regions of certificate i: all three, eu only, us+apac, or no policy (default deny). */
  private static List<String> allowed(int i) {
    return switch (i % 4) {
      case 0 -> REGIONS;
      case 1 -> List.of("eu");
      case 2 -> List.of("us", "apac");
      default -> List.of();
    };
  }

  private String certificate(int i) {
    return "it-" + run + "-" + i;
  }

  @Test
  void exactlyOnceV2_killedMidwayAndRestarted_everyAllowedPairArrivesExactlyOnce(EmbeddedStack stack)
      throws Exception {
    Path config = writeConfig(stack);
    Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
    Instant issued = Instant.now().minus(Duration.ofHours(1));
    int expected = 0;
    try (KafkaProducer<String, byte[]> producer = producer(stack)) {
      Serializer<GeoPolicy> policies = Topics.POLICY.valueSerde(serde).serializer();
      for (int i = 0; i < CERTIFICATES; i++) {
        if (!allowed(i).isEmpty() || i % 8 == 7) {
          // Half of the "no policy" certificates get an explicit empty one: also deny.
          GeoPolicy p = policy(certificate(i), 1, allowed(i).toArray(String[]::new));
          producer.send(new ProducerRecord<>(Topics.POLICY.name(), p.getCertificateId(),
              policies.serialize(Topics.POLICY.name(), p)));
        }
        expected += allowed(i).size();
      }
      sendCredentials(producer, serde, issued, 0, CERTIFICATES / 2);
      // One poison record among the credentials: must become exactly one dead letter.
      producer.send(new ProducerRecord<>(Topics.CREDENTIALS_ISSUED.name(), "poison-" + run + "/eu",
          ("not avro " + run).getBytes(StandardCharsets.UTF_8)));
      producer.flush();
      LOG.info("produced policies and the first half of the credentials");
      try (RegionCounter counter = new RegionCounter(stack.bootstrapServers())) {
        // Killed while the first half is being routed; the second half is produced while it is down.
        Process first = startDistributor(config, "first");
        counter.awaitAtLeast(expected / 4, first);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        LOG.info("killed the first distributor (SIGKILL) after {} of {} routed records", counter.total(), expected);

        sendCredentials(producer, serde, issued, CERTIFICATES / 2, CERTIFICATES);
        producer.flush();
        Process second = startDistributor(config, "second");
        counter.awaitAtLeast(expected, second);
        LOG.info("second distributor routed all {} records", expected);

        // Then shrink the policy of every certificate allowed everywhere: apac gets a tombstone each.
        int shrunk = shrinkPolicies(producer, serde);
        counter.awaitAtLeast(expected + shrunk, second);
        LOG.info("second distributor wrote {} tombstones", shrunk);
        second.destroy(); // SIGTERM: the shutdown hook closes cleanly, committing what it processed
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("clean shutdown").isTrue();

        counter.readToEnd();
        assertExactlyOncePerAllowedPair(counter, expected + shrunk);
      }
      assertOnePoisonDeadLetter(stack);
    }
  }

  private void sendCredentials(KafkaProducer<String, byte[]> producer, Map<String, Object> serde, Instant issued,
      int from, int to) {
    Serializer<CredentialIssued> credentials = Topics.CREDENTIALS_ISSUED.valueSerde(serde).serializer();
    for (int i = from; i < to; i++) {
      for (String region : REGIONS) {
        CredentialIssued c = credential(certificate(i), region, issued, Duration.ofDays(7));
        producer.send(new ProducerRecord<>(Topics.CREDENTIALS_ISSUED.name(),
            Topics.credentialKey(c.getCertificateId(), region),
            credentials.serialize(Topics.CREDENTIALS_ISSUED.name(), c)));
      }
    }
  }

  /** Certificates allowed everywhere lose apac; returns how many policies changed. */
  private int shrinkPolicies(KafkaProducer<String, byte[]> producer, Map<String, Object> serde) {
    Serializer<GeoPolicy> policies = Topics.POLICY.valueSerde(serde).serializer();
    int shrunk = 0;
    for (int i = 0; i < CERTIFICATES; i += 4) {
      GeoPolicy p = policy(certificate(i), 2, "eu", "us");
      producer.send(new ProducerRecord<>(Topics.POLICY.name(), p.getCertificateId(),
          policies.serialize(Topics.POLICY.name(), p)));
      shrunk++;
    }
    producer.flush();
    return shrunk;
  }

  /**
   * Each allowed pair holds exactly one credential; a pair whose region the second policy dropped
   * holds its credential and then exactly one tombstone; every other pair holds nothing.
   */
  private void assertExactlyOncePerAllowedPair(RegionCounter counter, int expectedTotal) {
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < CERTIFICATES; i++) {
      for (String region : REGIONS) {
        boolean dropped = i % 4 == 0 && region.equals("apac");
        int want = dropped ? 2 : allowed(i).contains(region) ? 1 : 0;
        String pair = region + "|" + certificate(i);
        int got = counter.counts().getOrDefault(pair, 0);
        if (got != want || dropped != counter.tombstoned().contains(pair)) {
          wrong.add(pair + "=" + got + (counter.tombstoned().contains(pair) ? " ending in a tombstone" : "")
              + " (want " + want + (dropped ? " ending in a tombstone" : "") + ")");
        }
      }
    }
    assertThat(wrong).as("pairs with a wrong count").isEmpty();
    assertThat(counter.total()).isEqualTo(expectedTotal);
  }

  private void assertOnePoisonDeadLetter(EmbeddedStack stack) {
    List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        consumer(stack.bootstrapServers(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      readAll(consumer, List.of(Topics.DLQ.name()), r -> {
        if (new String(r.key(), StandardCharsets.UTF_8).equals("poison-" + run + "/eu")) {
          letters.add(r);
        }
      });
    }
    assertThat(letters).hasSize(1);
    Header reason = letters.get(0).headers().lastHeader(Topics.DLQ_HEADER_REASON);
    assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isEqualTo("deserialization");
    assertThat(letters.get(0).headers().lastHeader(Topics.DLQ_HEADER_SOURCE_OFFSET)).isNotNull();
  }

  private Path writeConfig(EmbeddedStack stack) throws IOException {
    Path file = dir.resolve("distributor.properties");
    Files.writeString(file, String.join("\n",
        "bootstrap.servers=" + stack.bootstrapServers(),
        "schema.registry.url=" + stack.schemaRegistryUrl(),
        "management.port=0",
        DistributorConfig.APPLICATION_ID + "=distributor-it-" + run,
        DistributorConfig.PARTITIONS + "=3",
        DistributorConfig.REGION_TOPIC_PARTITIONS + "=1",
        "kafka.state.dir=" + dir.resolve("state"),
        "kafka.commit.interval.ms=100",
        "kafka.num.stream.threads=1",
        // A killed member is noticed after the session timeout; the broker minimum keeps the IT short.
        "kafka.session.timeout.ms=6000",
        "kafka.heartbeat.interval.ms=1000",
        // Static membership: the restarted instance takes the killed one's place at once instead of
        // waiting for its session to expire.
        "kafka.group.instance.id=distributor-it-" + run,
        ""));
    return file;
  }

  private Process startDistributor(Path config, String name) throws IOException {
    // Logs stay in target/ for a post-mortem; config and state go away with the temp dir.
    Path logs = Files.createDirectories(Path.of("target", "distributor-it", run));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), DistributorProcess.class.getName(), config.toString())
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + ".log").toFile())
        .start();
    processes.add(p);
    return p;
  }

  private static KafkaProducer<String, byte[]> producer(EmbeddedStack stack) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new org.apache.kafka.common.serialization.StringSerializer(),
        new ByteArraySerializer());
  }

  static <V> KafkaConsumer<String, V> consumer(String bootstrap, org.apache.kafka.common.serialization.Deserializer<V> values) {
    return consumer(bootstrap, new StringDeserializer(), values);
  }

  static <K, V> KafkaConsumer<K, V> consumer(String bootstrap, org.apache.kafka.common.serialization.Deserializer<K> keys,
      org.apache.kafka.common.serialization.Deserializer<V> values) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, keys, values);
  }

  /** Reads every committed record of the topics from the beginning to their current end. */
  static <K, V> void readAll(KafkaConsumer<K, V> consumer, List<String> topics,
      java.util.function.Consumer<ConsumerRecord<K, V>> each) {
    List<TopicPartition> partitions = new ArrayList<>();
    topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    Instant deadline = Instant.now().plus(DEADLINE);
    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && Instant.now().isBefore(deadline)) {
      consumer.poll(Duration.ofMillis(200)).forEach(each);
    }
  }

  /** Counts committed records per (region, certificate) of this run, reading the region topics as they grow. */
  private final class RegionCounter implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Set<String> tombstoned = new HashSet<>();
    private boolean assigned;

    RegionCounter(String bootstrap) {
      consumer = consumer(bootstrap, new ByteArrayDeserializer());
    }

    void awaitAtLeast(int n, Process distributor) throws InterruptedException {
      Instant deadline = Instant.now().plus(DEADLINE);
      while (total() < n) {
        assertThat(distributor.isAlive()).as("distributor process alive (log: target/distributor-it/" + run + ")").isTrue();
        assertThat(Instant.now()).as("%d of %d records within %s", total(), n, DEADLINE).isBefore(deadline);
        poll();
      }
    }

    void readToEnd() {
      if (!assigned) {
        poll();
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
      Instant deadline = Instant.now().plus(DEADLINE);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
          && Instant.now().isBefore(deadline)) {
        poll();
      }
    }

    private void poll() {
      if (!assigned) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String region : REGIONS) {
          String topic = Topics.region(region).name();
          if (consumer.listTopics().containsKey(topic)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
          }
        }
        if (partitions.size() < REGIONS.size()) {
          sleep();
          return; // the distributor creates the region topics at startup
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        assigned = true;
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.key().startsWith("it-" + run + "-")) {
          String region = r.topic().substring(Topics.REGION_TOPIC_PREFIX.length());
          String pair = region + "|" + r.key();
          counts.merge(pair, 1, Integer::sum);
          if (r.value() == null) {
            tombstoned.add(pair);
          } else {
            tombstoned.remove(pair);
          }
        }
      }
    }

    int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    Map<String, Integer> counts() {
      return counts;
    }

    /** The pairs whose last record is a tombstone. */
    Set<String> tombstoned() {
      return tombstoned;
    }

    private void sleep() {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
