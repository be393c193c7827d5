package dev.baton.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class EmbeddedKafkaIT {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final EmbeddedStack stack;

  EmbeddedKafkaIT(EmbeddedStack stack) {
    this.stack = stack;
  }

  @Test
  void idempotentProducer_tenThousandRecords_allReadBackInOrder() throws Exception {
    String topic = createTopic("embedded.bulk", 3);
    int count = 10_000;
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + (i % 3), "v" + i));
      }
      producer.flush();
    }

    List<ConsumerRecord<String, String>> read = readAll(topic, "read_uncommitted", count);

    assertThat(read).hasSize(count);
    assertThat(read).extracting(ConsumerRecord::value).doesNotHaveDuplicates();
    // Per key (one partition each) the order of sending is kept.
    for (String key : List.of("k0", "k1", "k2")) {
      List<Integer> seq =
          read.stream()
              .filter(r -> r.key().equals(key))
              .map(r -> Integer.parseInt(r.value().substring(1)))
              .toList();
      assertThat(seq).isSorted().hasSizeGreaterThan(count / 3 - 1);
    }
  }

  @Test
  void readCommitted_seesCommittedTransaction_notAbortedOne() throws Exception {
    String topic = createTopic("embedded.tx", 1);
    try (KafkaProducer<String, String> producer =
        producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-it-tx"))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted-1"));
      producer.flush();
      producer.abortTransaction();
      // A last committed marker shows that the consumer read past the aborted records.
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-3"));
      producer.commitTransaction();
    }

    List<String> committed = values(readAll(topic, "read_committed", 3));
    List<String> everything = values(readAll(topic, "read_uncommitted", 4));

    assertThat(committed).containsExactly("committed-1", "committed-2", "committed-3");
    assertThat(everything).contains("aborted-1");
  }

  @Test
  void restartBroker_keepsPortsAndData() throws Exception {
    // An own node: stopping the shared one would disturb other tests of the run.
    try (EmbeddedKafka own = EmbeddedKafka.start()) {
      String topic = createTopic(own, "embedded.restart", 1);
      try (KafkaProducer<String, String> producer = producer(own, Map.of())) {
        producer.send(new ProducerRecord<>(topic, "k", "before-restart")).get(30, TimeUnit.SECONDS);
      }
      String address = own.bootstrapServers();

      own.stopBroker();
      assertThat(own.isRunning()).isFalse();
      own.restartBroker();

      assertThat(own.bootstrapServers()).isEqualTo(address);
      assertThat(values(readAll(own, topic, "read_uncommitted", 1))).containsExactly("before-restart");
    }
  }

  private String createTopic(String prefix, int partitions) throws Exception {
    return createTopic(stack.kafka(), prefix, partitions);
  }

  private static String createTopic(EmbeddedKafka kafka, String prefix, int partitions)
      throws Exception {
    String topic = prefix + "." + System.nanoTime();
    kafka
        .admin()
        .createTopics(Set.of(new NewTopic(topic, partitions, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
    return topic;
  }

  private KafkaProducer<String, String> producer(Map<String, Object> extra) {
    return producer(stack.kafka(), extra);
  }

  private static KafkaProducer<String, String> producer(
      EmbeddedKafka kafka, Map<String, Object> extra) {
    Map<String, Object> cfg = new HashMap<>(extra);
    cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    cfg.put(ProducerConfig.ACKS_CONFIG, "all");
    cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(cfg, new StringSerializer(), new StringSerializer());
  }

  /** Reads from the beginning until {@code expected} records arrived or the timeout passed. */
  private List<ConsumerRecord<String, String>> readAll(
      String topic, String isolation, int expected) {
    return readAll(stack.kafka(), topic, isolation, expected);
  }

  private static List<ConsumerRecord<String, String>> readAll(
      EmbeddedKafka kafka, String topic, String isolation, int expected) {
    Map<String, Object> cfg =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "embedded-it-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(cfg, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // One more poll: anything beyond what was expected would show up here.
      consumer.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    return out;
  }

  private static List<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }
}
