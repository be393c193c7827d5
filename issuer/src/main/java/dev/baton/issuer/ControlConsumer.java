package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.IssueRequest;
import dev.baton.avro.v1.RegionKey;
import dev.baton.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread, one consumer, no consumer group: {@code baton.regions} from the beginning (the
 * compacted table of region keys) and {@code baton.issuer.requests} from {@code lookback} ago.
 *
 * <p>Every issuer reads every request (no group to split them), so an issuer holding the
 * certificate always sees it; replaying the lookback window after a restart is harmless because a
 * request counts as done once a credential issued after it exists (see {@link PairState}).
 * Decoded records are handed to the engine's thread.
 */
final class ControlConsumer implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ControlConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration RETRY = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<byte[], byte[]> consumer;
  private final Deserializer<RegionKey> regionDeserializer;
  private final Deserializer<IssueRequest> requestDeserializer;
  private final IssuerEngine engine;
  private final Executor loop;
  private final PoisonGuard guard;
  private final Clock clock;
  private final Duration lookback;
  private volatile boolean closed;
  private Map<TopicPartition, Long> regionEnds;
  private boolean regionsLoaded;

  ControlConsumer(Consumer<byte[], byte[]> consumer, Deserializer<RegionKey> regionDeserializer,
      Deserializer<IssueRequest> requestDeserializer, IssuerEngine engine, Executor loop, PoisonGuard guard,
      Clock clock, Duration lookback) {
    this.consumer = requireNonNull(consumer, "consumer must not be null");
    this.regionDeserializer = requireNonNull(regionDeserializer, "regionDeserializer must not be null");
    this.requestDeserializer = requireNonNull(requestDeserializer, "requestDeserializer must not be null");
    this.engine = requireNonNull(engine, "engine must not be null");
    this.loop = requireNonNull(loop, "loop must not be null");
    this.guard = requireNonNull(guard, "guard must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
    this.lookback = requireNonNull(lookback, "lookback must not be null");
  }

  @Override
  public void run() {
    try {
      while (!closed) {
        try {
          if (regionEnds == null) {
            assign();
          }
          consumer.poll(POLL).forEach(this::dispatch);
          checkRegionsLoaded();
        } catch (WakeupException e) {
          // close() woke us up; the loop condition ends the thread.
        } catch (KafkaException e) {
          LOG.warn("reading regions and issue requests failed: {}; retrying in {}", e.toString(), RETRY);
          pause();
        }
      }
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Stops the thread (from any thread). */
  void close() {
    closed = true;
    consumer.wakeup();
  }

  private void assign() {
    List<TopicPartition> regions = Seek.partitions(consumer, Topics.REGIONS.name(), TIMEOUT);
    List<TopicPartition> requests = Seek.partitions(consumer, Topics.ISSUE_REQUESTS.name(), TIMEOUT);
    List<TopicPartition> all = new ArrayList<>(regions);
    all.addAll(requests);
    consumer.assign(all);
    consumer.seekToBeginning(regions);
    Seek.toTime(consumer, requests, clock.instant().minus(lookback), TIMEOUT);
    regionEnds = consumer.endOffsets(regions, TIMEOUT);
    LOG.info("reading {} partitions of {} from the beginning and {} of {} from {} ago", regions.size(),
        Topics.REGIONS.name(), requests.size(), Topics.ISSUE_REQUESTS.name(), lookback);
  }

  private void checkRegionsLoaded() {
    if (!regionsLoaded && Seek.reached(consumer, regionEnds)) {
      regionsLoaded = true;
      loop.execute(engine::regionsLoaded);
    }
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> r) {
    if (r.topic().equals(Topics.REGIONS.name())) {
      region(r);
    } else {
      request(r);
    }
  }

  private void region(ConsumerRecord<byte[], byte[]> r) {
    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    if (r.value() == null) {
      if (key == null) {
        guard.skip(r, "tombstone without a key");
      } else {
        loop.execute(() -> engine.removeRegion(key));
      }
      return;
    }
    RegionEntry entry = guard.decode(r, regionDeserializer, v -> RegionEntry.of(key, v));
    if (entry != null) {
      loop.execute(() -> engine.applyRegion(entry));
    }
  }

  private void request(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      guard.skip(r, "empty issue request");
      return;
    }
    IssueRequest req = guard.decode(r, requestDeserializer, ControlConsumer::checked);
    if (req != null) {
      LOG.info("issue request from {} for certificate {} region {}: {}", req.getRequestedBy(), req.getCertificateId(),
          req.getRegion() == null ? "*" : req.getRegion(), req.getReason() == null ? "(no reason)" : req.getReason());
      loop.execute(() -> engine.applyRequest(req.getCertificateId(), req.getRegion(), req.getRequestedAt()));
    }
  }

  private static IssueRequest checked(IssueRequest req) {
    if (req.getCertificateId().isBlank()) {
      throw new IllegalArgumentException("issue request without a certificate id");
    }
    if (req.getRegion() != null) {
      Topics.requireValidRegion(req.getRegion());
    }
    return req;
  }

  private void pause() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }
}
