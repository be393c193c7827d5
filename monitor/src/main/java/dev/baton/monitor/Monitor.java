package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.Topics;
import dev.baton.service.TopicCreationException;
import dev.baton.service.TopicCreator;
import dev.baton.service.ManagementServer;
import dev.baton.service.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor service: the Streams topology feeding a {@link RolloutTracker}, and the management
 * port with /healthy, /ready (Streams RUNNING), /metrics and the JSON API. Usable in process
 * (the demo reads {@link #tracker()}); {@code baton monitor --config FILE} runs it standalone.
 */
public final class Monitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final MonitorConfig config;
  private final RolloutTracker tracker;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private volatile KafkaStreams streams;
  private Vertx vertx;
  private volatile ManagementServer management;

  /** A monitor judging time by the system clock. */
  public Monitor(MonitorConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A monitor judging headroom and silence by {@code clock}. */
  public Monitor(MonitorConfig config, Clock clock) {
    this.config = requireNonNull(config, "config must not be null");
    this.tracker = new RolloutTracker(requireNonNull(clock, "clock must not be null"), config.policy());
  }

  /**
   * Creates the topics when configured to, starts the topology and the management server.
   *
   * @throws MonitorException when Kafka or the management port is not usable
   */
  public synchronized Monitor start() {
    if (streams != null) {
      throw new IllegalStateException("monitor already started");
    }
    LOG.info("starting monitor: {}", config);
    if (config.createTopics()) {
      createTopics();
    }
    MonitorMetrics metrics = new MonitorMetrics(registry, tracker);
    streams = new KafkaStreams(MonitorTopology.build(config, tracker, metrics), streamsProperties());
    streams.setUncaughtExceptionHandler(e -> {
      // Bad records are dead-lettered, so what gets here is transient (registry or state store
      // unavailable): retry from the last commit with a fresh thread.
      LOG.error("monitor stream thread failed, replacing it: {}", e.toString());
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    vertx = Vertx.vertx();
    management = new ManagementServer(config.management().host(), config.management().port(),
        this::health, this::readiness, registry, new MonitorApi(tracker, metrics)::routes);
    try {
      vertx.deployVerticle(management).toCompletionStage().toCompletableFuture()
          .get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MonitorException("interrupted while starting the management server", e);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new MonitorException("cannot listen on management port " + config.management().host() + ":"
          + config.management().port() + " (" + dev.baton.service.ManagementSettings.PORT + "): " + e.getMessage(), e);
    }
    LOG.info("monitor management endpoints on {}:{}", config.management().host(), management.actualPort());
    return this;
  }

  /** The tracker the topology feeds: read its snapshots in process. */
  public RolloutTracker tracker() {
    return tracker;
  }

  /** The bound management port (after {@link #start()}). */
  public int managementPort() {
    if (management == null) {
      throw new IllegalStateException("monitor not started");
    }
    return management.actualPort();
  }

  /** Ready when the Streams application is RUNNING, i.e. consuming its partitions. */
  public Readiness readiness() {
    KafkaStreams s = streams;
    if (s == null) {
      return Readiness.notReady("not started");
    }
    KafkaStreams.State state = s.state();
    return state == KafkaStreams.State.RUNNING
        ? Readiness.ready("streams RUNNING")
        : Readiness.notReady("streams " + state);
  }

  /** Healthy unless the Streams application died. */
  public Readiness health() {
    KafkaStreams s = streams;
    if (s == null) {
      return Readiness.notReady("not started");
    }
    KafkaStreams.State state = s.state();
    return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
        || state == KafkaStreams.State.NOT_RUNNING
        ? Readiness.notReady("streams " + state)
        : Readiness.ready("streams " + state);
  }

  private Properties streamsProperties() {
    Properties props = new Properties();
    props.putAll(config.kafka().clientProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    return props;
  }

  private void createTopics() {
    short rf = config.replicationFactor();
    List<NewTopic> topics = Stream.of(Topics.CREDENTIALS_ISSUED, Topics.POLICY, Topics.ROLLOUT_STATUS, Topics.DLQ)
        .map(t -> t.newTopic(rf)).toList();
    try (Admin admin = Admin.create(config.kafka().clientProperties())) {
      TopicCreator.ensure(admin, topics, STARTUP_TIMEOUT);
    } catch (TopicCreationException e) {
      throw new MonitorException("cannot create the monitor's topics on " + config.kafka().bootstrapServers()
          + " (check bootstrap.servers, or set " + MonitorConfig.CREATE_TOPICS + "=false): " + e.getMessage(), e);
    }
  }

  /** Stops the topology and the management server; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (streams != null) {
      // Leave the group: a restarted monitor gets its partitions at once, not after the session timeout.
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(CLOSE_TIMEOUT));
    }
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("management server did not stop cleanly: {}", e.toString());
      }
      vertx = null;
    }
    registry.close();
  }
}
