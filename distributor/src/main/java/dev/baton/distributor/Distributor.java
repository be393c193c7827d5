package dev.baton.distributor;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.Topic;
import dev.baton.schemas.Topics;
import dev.baton.service.ManagementServer;
import dev.baton.service.ManagementSettings;
import dev.baton.service.Readiness;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distributor service: creates the topics it writes, runs the {@link DistributorTopology}
 * under exactly_once_v2, and serves /healthy, /ready (Streams RUNNING) and /metrics. Usable in
 * process (the demo and the ITs embed it); {@code baton distributor --config FILE} runs it standalone.
 */
public final class Distributor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Distributor.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final List<Topic<?, ?>> OWN_TOPICS = List.of(Topics.CREDENTIALS_ISSUED, Topics.POLICY, Topics.DLQ);

  private final DistributorConfig config;
  private final Clock clock;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final DistributorMetrics metrics = new DistributorMetrics(registry);
  private Admin admin;
  private KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;
  private Vertx vertx;
  private ManagementServer management;

  /** A distributor judging expiry by the system clock. */
  public Distributor(DistributorConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A distributor judging expiry by {@code clock}. */
  public Distributor(DistributorConfig config, Clock clock) {
    this.config = requireNonNull(config, "config must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /**
   * Creates missing topics (its inputs, {@code baton.dlq}, the topic of every known region), then
   * starts the topology and the management server. Returns without waiting for RUNNING.
   *
   * @throws DistributorException when Kafka or the management port is not usable
   */
  public synchronized Distributor start() {
    if (streams != null) {
      throw new IllegalStateException("distributor already started");
    }
    LOG.info("starting distributor: {}", config);
    try {
      admin = Admin.create(config.kafka().clientProperties());
      AdminTopics topics = new AdminTopics(admin, config.regionTopicPartitions(), config.replicationFactor(),
          STARTUP_TIMEOUT);
      topics.ensureTopics(OWN_TOPICS);
      Set<String> regions = KnownRegions.read(config.kafka(), topics.existing(), STARTUP_TIMEOUT);
      topics.ensureRegions(regions);
      LOG.info("region topics ready for {}", regions);
      startStreams(topics);
    } catch (DistributorException e) {
      close();
      throw e;
    } catch (KafkaException | RegionTopicException | IllegalArgumentException e) {
      close();
      throw new DistributorException("cannot start the distributor on " + config.kafka().bootstrapServers()
          + " (check bootstrap.servers and schema.registry.url): " + e.getMessage(), e);
    }
    startManagement();
    return this;
  }

  private void startStreams(AdminTopics topics) {
    Properties props = config.streamsProperties();
    props.put(DistributorMetrics.CONFIG_KEY, metrics);
    streams = new KafkaStreams(DistributorTopology.build(config,
        new DistributorTopology.Dependencies(clock, topics, metrics)), props);
    streams.setUncaughtExceptionHandler(e -> {
      // Bad records are dead-lettered, so what gets here is the cluster's fault (a region topic that
      // cannot be created, the registry away): retry from the last commit with a fresh thread.
      LOG.error("distributor stream thread failed, replacing it: {}", DeadLetters.describe(e));
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    streams.start();
  }

  private void startManagement() {
    vertx = Vertx.vertx();
    management = new ManagementServer(config.management().host(), config.management().port(),
        this::health, this::readiness, registry, router -> { });
    try {
      await(vertx.deployVerticle(management), STARTUP_TIMEOUT);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new DistributorException("cannot listen on management port " + config.management().host() + ":"
          + config.management().port() + " (" + ManagementSettings.PORT + "): " + e.getMessage(), e);
    }
    LOG.info("distributor management endpoints on {}:{}", config.management().host(), management.actualPort());
  }

  /** The Streams state; {@code CREATED} before {@link #start()}. */
  public KafkaStreams.State state() {
    KafkaStreams s = streams;
    return s == null ? KafkaStreams.State.CREATED : s.state();
  }

  /** True while the topology is RUNNING (consuming its partitions). */
  public boolean isRunning() {
    return state() == KafkaStreams.State.RUNNING;
  }

  /** The bound management port (after {@link #start()}). */
  public int managementPort() {
    return management.actualPort();
  }

  /** The service's meters (routed per region, tombstones, dead letters by reason, Streams metrics). */
  public DistributorMetrics metrics() {
    return metrics;
  }

  /** Ready when the Streams application is RUNNING, i.e. routing. */
  public Readiness readiness() {
    KafkaStreams.State state = state();
    return state == KafkaStreams.State.RUNNING
        ? Readiness.ready("streams RUNNING")
        : Readiness.notReady("streams " + state);
  }

  /** Healthy unless the Streams application died. */
  public Readiness health() {
    KafkaStreams.State state = state();
    return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
        || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN
        ? Readiness.notReady("streams " + state)
        : Readiness.ready("streams " + state);
  }

  /** Stops routing (committing what was processed) and the management server; safe to call twice. */
  @Override
  public void close() {
    close(CLOSE_TIMEOUT);
  }

  /** Like {@link #close()}, waiting at most {@code timeout} for Streams to shut down. */
  public synchronized void close(Duration timeout) {
    if (streams != null) {
      streams.close(timeout);
    }
    if (streamsMetrics != null) {
      streamsMetrics.close();
      streamsMetrics = null;
    }
    if (vertx != null) {
      try {
        await(vertx.close(), CLOSE_TIMEOUT);
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("management server did not stop cleanly: {}", e.toString());
      }
      vertx = null;
    }
    if (admin != null) {
      admin.close(CLOSE_TIMEOUT);
      admin = null;
    }
  }

  private static void await(Future<?> future, Duration timeout) throws ExecutionException, TimeoutException {
    try {
      future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DistributorException("interrupted", e);
    }
  }
}
