package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.RolloutState;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.cli.kafka.TopicBootstrap;
import dev.baton.schemas.Topics;
import dev.baton.service.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code baton.rollout.status} for the demo's datacenters: the last issued-to-installed lag
 * of each, and every INSTALLED / REMOVED / REJECTED outcome to a listener, so the demo can say what
 * the edges did. Reads from the end offsets at start (it reports this run only), with no consumer
 * group; an undecodable record is skipped.
 */
public final class StatusFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusFeed.class);

  private final KafkaConsumer<String, RolloutStatus> consumer;
  private final Set<String> datacenters;
  private final Consumer<RolloutStatus> listener;
  private final Map<String, Duration> lastLag = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  private StatusFeed(KafkaConsumer<String, RolloutStatus> consumer, Set<String> datacenters, Consumer<RolloutStatus> listener) {
    this.consumer = consumer;
    this.datacenters = Set.copyOf(datacenters);
    this.listener = listener;
    this.thread = new Thread(this::loop, "baton-demo-status");
    this.thread.setDaemon(true);
  }

  /** Starts following; {@code listener} is called on the feed's thread for each outcome. */
  public static StatusFeed start(KafkaSettings settings, Set<String> datacenters, Consumer<RolloutStatus> listener) {
    requireNonNull(listener, "listener must not be null");
    // The edges create the status topic on first use; before they do, there would be nothing to assign.
    try (Admin admin = Admin.create(settings.clientProperties())) {
      TopicBootstrap.ensure(admin, List.of(Topics.ROLLOUT_STATUS));
    }
    Map<String, Object> props = settings.clientProperties();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Object> serde = settings.serdeProperties();
    KafkaConsumer<String, RolloutStatus> c = new KafkaConsumer<>(props,
        Topics.ROLLOUT_STATUS.keySerde(serde).deserializer(), Topics.ROLLOUT_STATUS.valueSerde(serde).deserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : c.partitionsFor(Topics.ROLLOUT_STATUS.name(), Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(p.topic(), p.partition()));
    }
    c.assign(partitions);
    c.seekToEnd(partitions);
    partitions.forEach(c::position); // resolve "end" now, before any edge reports
    StatusFeed feed = new StatusFeed(c, datacenters, listener);
    feed.thread.start();
    return feed;
  }

  /** The issued-to-installed time of a datacenter's last install in this run (null: none yet). */
  public Duration lastLag(String datacenter) {
    return lastLag.get(datacenter);
  }

  private void loop() {
    try {
      while (running) {
        try {
          for (ConsumerRecord<String, RolloutStatus> r : consumer.poll(Duration.ofMillis(250))) {
            handle(r.value());
          }
        } catch (RecordDeserializationException e) {
          LOG.warn("skipping undecodable status at {} offset {}", e.topicPartition(), e.offset());
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
      }
    } catch (WakeupException e) {
      // close() woke us up
    } finally {
      consumer.close();
    }
  }

  private void handle(RolloutStatus s) {
    if (s == null || !datacenters.contains(s.getDatacenter()) || s.getState() == RolloutState.HEARTBEAT) {
      return;
    }
    if (s.getState() == RolloutState.INSTALLED && s.getIssuedAt() != null && s.getInstalledAt() != null) {
      lastLag.put(s.getDatacenter(), Duration.between(s.getIssuedAt(), s.getInstalledAt()));
    }
    try {
      listener.accept(s);
    } catch (RuntimeException e) {
      LOG.warn("status listener failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
