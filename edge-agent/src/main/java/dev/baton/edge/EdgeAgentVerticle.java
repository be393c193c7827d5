package dev.baton.edge;

import static java.util.Objects.requireNonNull;

import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.edge.kafka.RegionConsumer;
import dev.baton.edge.kafka.RolloutStatuses;
import dev.baton.edge.kafka.StatusReporter;
import dev.baton.edge.store.CredentialStore;
import dev.baton.edge.store.InstalledCredentials;
import dev.baton.edge.store.KeyStoreDirectory;
import dev.baton.edge.tls.TlsEndpoint;
import dev.baton.edge.verify.ChainValidator;
import dev.baton.edge.verify.CredentialChecks;
import dev.baton.schemas.Topics;
import dev.baton.service.ConfigException;
import dev.baton.service.ManagementServer;
import dev.baton.service.Readiness;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the agent: loads the region key, trust anchors and key store, starts the TLS listener,
 * the consumer thread and the status producer (blocking work, off the event loop), then the
 * management server; a timer sends heartbeats. Kafka stays on its own thread; Vert.x only reads
 * the immutable credential snapshot and thread-safe metrics.
 */
final class EdgeAgentVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeAgentVerticle.class);
  private static final Duration GC_INTERVAL = Duration.ofMinutes(1);

  private final EdgeAgentConfig config;
  private final Clock clock;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private CredentialStore store;
  private EdgeMetrics metrics;
  private TlsEndpoint tls;
  private StatusReporter reporter;
  private RegionConsumer consumer;
  private Thread consumerThread;
  private ManagementServer management;
  private RolloutStatuses statuses;
  private final AtomicBoolean heartbeatInFlight = new AtomicBoolean();
  private long heartbeatTimer = -1;

  EdgeAgentVerticle(EdgeAgentConfig config, Clock clock) {
    this.config = requireNonNull(config, "config must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> {
      try {
        startBlocking();
      } catch (IOException | RuntimeException e) {
        // A failed deployment is never stopped: release what did start (ports, threads, clients).
        stopBlocking();
        throw e;
      }
      return null;
    }).compose(v -> vertx.deployVerticle(management).recover(e -> vertx.executeBlocking(() -> {
      stopBlocking();
      return null;
    }).transform(ignored -> Future.<String>failedFuture(e)))).onSuccess(id -> {
      heartbeatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(), t -> heartbeat());
      LOG.info("edge agent {} ({}) serving TLS on {}:{}, management on {}", config.datacenter(), config.region(),
          config.tlsHost(), tls.port(), management.actualPort());
    });
  }

  private void startBlocking() throws IOException {
    registry.config().commonTags("datacenter", config.datacenter(), "region", config.region());
    RegionKeyPair regionKey = readRegionKey();
    CredentialChecks checks = new CredentialChecks(config.region(), regionKey, trustAnchors(), clock);
    store = new CredentialStore(new KeyStoreDirectory(config.storeDir()), checks::checkStored, clock);
    InstalledCredentials loaded = store.load();
    LOG.info("key store {}: {} certificate(s) loaded", config.storeDir(), loaded.size());
    metrics = new EdgeMetrics(registry, store::snapshot);
    statuses = new RolloutStatuses(config.datacenter(), config.region(), clock);
    tls = TlsEndpoint.start(config.datacenter(), config.tlsHost(), config.tlsPort(), config.tlsThreads(), store::snapshot, clock);
    FunctionCounter.builder("baton.edge.tls.handshakes", tls, TlsEndpoint::handshakes).register(registry);
    FunctionCounter.builder("baton.edge.tls.failures", tls, TlsEndpoint::failures).register(registry);
    reporter = StatusReporter.create(config.kafka().clientProperties(), config.kafka().serdeProperties(),
        "baton-edge-" + config.datacenter() + "-status");
    RecordProcessor processor = new RecordProcessor(checks, store, statuses, metrics, clock);
    var topic = Topics.region(config.region());
    // Made here, not on the loop thread, so that bad kafka.* settings fail the start, loudly.
    KafkaConsumer<byte[], byte[]> kafkaConsumer = newConsumer();
    consumer = new RegionConsumer(() -> kafkaConsumer, topic.name(), config.datacenter(),
        topic.valueSerde(config.kafka().serdeProperties()).deserializer(), processor, reporter, housekeeping());
    consumerThread = new Thread(consumer, "edge-consumer-" + config.datacenter());
    consumerThread.setDaemon(true);
    consumerThread.start();
    management = new ManagementServer(config.management().host(), config.management().port(), () -> Readiness.ready("alive"),
        new EdgeReadiness(consumer, store::snapshot, config.safetyMargin(), clock), registry,
        router -> CredentialsRoute.register(router, store::snapshot, clock));
  }

  private RegionKeyPair readRegionKey() {
    try {
      return RegionKeyPair.parsePrivatePem(Files.readString(config.regionKeyFile()));
    } catch (IOException | RuntimeException e) {
      // The message names the file, never its content.
      throw new ConfigException(EdgeAgentConfig.REGION_KEY, "cannot read region private key from '" + config.regionKeyFile()
          + "': " + e.getClass().getSimpleName());
    }
  }

  private ChainValidator trustAnchors() {
    try {
      return ChainValidator.fromPemFile(config.trustAnchorsFile());
    } catch (RuntimeException e) {
      throw new ConfigException(EdgeAgentConfig.TRUST_ANCHORS, "cannot read trust anchors from '" + config.trustAnchorsFile()
          + "': " + e.getMessage(), e);
    }
  }

  private KafkaConsumer<byte[], byte[]> newConsumer() {
    Map<String, Object> props = new HashMap<>(config.kafka().clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "baton-edge-" + config.datacenter());
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Garbage collection of expired credentials, run by the consumer thread (the store's only writer). */
  private Runnable housekeeping() {
    Instant[] next = {clock.instant()};
    return () -> {
      if (!clock.instant().isBefore(next[0])) {
        next[0] = clock.instant().plus(GC_INTERVAL);
        try {
          int n = store.collectGarbage();
          if (n > 0) {
            LOG.info("deleted {} expired credential(s)", n);
          }
        } catch (RuntimeException e) {
          LOG.warn("garbage collection failed: {}", e.getMessage());
        }
      }
    };
  }

  /**
   * producer.send can block (metadata) while Kafka is away: never on the event loop, and at most one
   * at a time (a missed heartbeat is the signal that something is wrong).
   */
  private void heartbeat() {
    if (!heartbeatInFlight.compareAndSet(false, true)) {
      return;
    }
    vertx.executeBlocking(() -> {
      InstalledCredentials held = store.snapshot();
      reporter.heartbeat(config.datacenter(), statuses.heartbeat(held.size(), held.earliestExpiry().orElse(null)));
      return null;
    }, false).onComplete(r -> heartbeatInFlight.set(false));
  }

  @Override
  public Future<?> stop() {
    if (heartbeatTimer >= 0) {
      vertx.cancelTimer(heartbeatTimer);
    }
    return vertx.executeBlocking(() -> {
      stopBlocking();
      return null;
    });
  }

  private void stopBlocking() throws InterruptedException {
    if (consumer != null) {
      consumer.close();
    }
    if (consumerThread != null) {
      consumerThread.join(10_000);
    }
    if (reporter != null) {
      reporter.close();
    }
    if (tls != null) {
      tls.close();
    }
    registry.close();
  }

  EdgeAgentConfig agentConfig() {
    return config;
  }

  Clock clock() {
    return clock;
  }

  CredentialStore store() {
    return store;
  }

  EdgeMetrics metrics() {
    return metrics;
  }

  TlsEndpoint tls() {
    return tls;
  }

  ManagementServer management() {
    return management;
  }

  RegionConsumer consumer() {
    return consumer;
  }
}
