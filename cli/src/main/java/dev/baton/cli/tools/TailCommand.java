package dev.baton.cli.tools;

import dev.baton.schemas.Topic;
import dev.baton.schemas.Topics;
import dev.baton.cli.KafkaOptions;
import dev.baton.service.KafkaSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton tail TOPIC}: the avro-console-consumer for Baton topics. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the records of a Baton topic as JSON, one per line: topic, partition, offset, timestamp, key,",
      "and the value in Avro's JSON encoding (null for a tombstone). Records that cannot be decoded are",
      "printed as a line with an \"error\" field. Reads without a consumer group; commits nothing."
    })
public final class TailCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TOPIC",
      description = "A Baton topic: baton.credentials.issued, baton.regions, baton.policy, baton.issuer.requests,"
          + " baton.rollout.status, baton.dlq or baton.region.<region>.")
  String topicName;

  @Option(names = "--from-beginning", description = "Start at the earliest offset (default: only new records).")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
  Long max;

  @Option(names = "--timeout-ms", paramLabel = "MS",
      description = "Stop when no record arrived for this long (default: run until interrupted).")
  Long idleTimeoutMs;

  @CommandLine.Mixin
  KafkaOptions kafka;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Topic<?, ?> topic = Topics.forName(topicName).orElseThrow(() -> new CommandLine.ParameterException(
        spec.commandLine(), "unknown topic '" + topicName + "': use one of "
            + Topics.fixed().stream().map(Topic::name).collect(Collectors.joining(", "))
            + " or " + Topics.REGION_TOPIC_PREFIX + "<region>"));
    if (max != null && max < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1, got " + max);
    }
    KafkaSettings settings = kafka.settings();
    TailFormatter formatter = new TailFormatter(topic, settings.serdeProperties());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(settings))) {
      return tail(consumer, topic.name(), settings.bootstrapServers(), formatter,
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  private static Map<String, Object> consumerConfig(KafkaSettings settings) {
    Map<String, Object> c = new HashMap<>(settings.clientProperties());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "baton-tail");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return c;
  }

  private int tail(KafkaConsumer<byte[], byte[]> consumer, String topic, String bootstrapServers,
      TailFormatter formatter, PrintWriter out, PrintWriter err) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (partitions == null || partitions.isEmpty()) {
      err.println("topic " + topic + " does not exist on " + bootstrapServers);
      err.flush();
      return 1;
    }
    List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(tps);
    if (fromBeginning) {
      consumer.seekToBeginning(tps);
    } else {
      consumer.seekToEnd(tps);
    }
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      consumer.wakeup();
      awaitQuietly(done);
    }, "baton-tail-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      pollLoop(consumer, formatter, out);
    } catch (WakeupException e) {
      // Interrupted (Ctrl-C): stop quietly.
    } finally {
      done.countDown();
      removeHook(hook);
    }
    return 0;
  }

  private void pollLoop(KafkaConsumer<byte[], byte[]> consumer, TailFormatter formatter, PrintWriter out) {
    long printed = 0;
    long idleSince = System.nanoTime();
    while (max == null || printed < max) {
      var records = consumer.poll(Duration.ofMillis(200));
      if (records.isEmpty()) {
        if (idleTimeoutMs != null && System.nanoTime() - idleSince >= idleTimeoutMs * 1_000_000L) {
          return;
        }
        continue;
      }
      idleSince = System.nanoTime();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        out.println(formatter.format(r));
        if (max != null && ++printed >= max) {
          break;
        }
      }
      out.flush();
    }
  }

  private static void awaitQuietly(CountDownLatch done) {
    try {
      done.await(Duration.ofSeconds(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running.
    }
  }
}
