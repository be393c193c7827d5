package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.issuer.inventory.InventoryScanner;
import dev.baton.schemas.Topics;
import dev.baton.service.TopicCreator;
import dev.baton.service.ManagementServer;
import dev.baton.service.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer service: keeps a credential for every (certificate, region) pair fresh on
 * {@code baton.credentials.issued}. Usable in-process: {@code new Issuer(config).start()}, then
 * {@link #close()}. Keeps no local state; on start it reads back what was issued.
 *
 * <p>Threads: one loop thread owns all state (inventory scans, schedule ticks, send completions,
 * startup); one thread reads regions and issue requests; Vert.x serves the management port.
 */
public final class Issuer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Issuer.class);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration READ_BACK_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration BOOTSTRAP_RETRY = Duration.ofSeconds(3);

  private final IssuerConfig config;
  private final Map<String, String> env;
  private final Clock clock;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final IssuerMetrics metrics = new IssuerMetrics(registry);
  private final PoisonGuard guard = new PoisonGuard(metrics);
  private ScheduledExecutorService loop;
  private CredentialPublisher publisher;
  private IssuerEngine engine;
  private ControlConsumer control;
  private Thread controlThread;
  private Vertx vertx;
  private ManagementServer management;
  private volatile String fatal;
  private volatile boolean closed;

  /** An issuer with the process environment (PKCS#12 passwords) and the system clock. */
  public Issuer(IssuerConfig config) {
    this(config, System.getenv(), Clock.systemUTC());
  }

  public Issuer(IssuerConfig config, Map<String, String> env, Clock clock) {
    this.config = requireNonNull(config, "config must not be null");
    this.env = Map.copyOf(requireNonNull(env, "env must not be null"));
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /** Starts the management port and the loop; returns at once (see {@link #readiness()}). */
  public synchronized Issuer start() {
    if (loop != null) {
      throw new IllegalStateException("issuer already started");
    }
    LOG.info("starting {}", config);
    loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "baton-issuer-loop"));
    try {
      publisher = CredentialPublisher.create(config.kafka(), config.issuerId());
      CredentialFactory factory = new CredentialFactory(clock, config.dcScheme(), config.issuerId());
      engine = new IssuerEngine(new RenewalSchedule(config.schedule()), factory::mint, publisher, loop, clock, metrics);
      startManagement();
    } catch (RuntimeException e) {
      close(); // e.g. the management port is taken: leave no threads behind
      throw e;
    }
    InventoryScanner scanner = new InventoryScanner(config.inventoryDir(), env, clock);
    loop.execute(guarded("start-up", this::bootstrap));
    loop.scheduleWithFixedDelay(guarded("inventory scan", () -> engine.applyInventory(scanner.scan())),
        0, config.inventoryRescan().toMillis(), TimeUnit.MILLISECONDS);
    loop.scheduleWithFixedDelay(guarded("schedule", engine::tick),
        config.tick().toMillis(), config.tick().toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Creates topics, starts reading regions and requests, reads back issued credentials; retried until it works. */
  private void bootstrap() {
    if (closed) {
      return;
    }
    try {
      if (config.createTopics()) {
        try (Admin admin = Admin.create(config.kafka().clientProperties())) {
          TopicCreator.ensure(admin, Stream.of(Topics.CREDENTIALS_ISSUED, Topics.REGIONS, Topics.ISSUE_REQUESTS)
              .map(t -> t.newTopic(config.replicationFactor())).toList(), KAFKA_TIMEOUT);
        }
      }
      startControl();
      try (KafkaConsumer<byte[], byte[]> consumer = consumer("read-back")) {
        ReadBack readBack = new ReadBack(consumer,
            Topics.CREDENTIALS_ISSUED.valueSerde(config.kafka().serdeProperties()).deserializer(), guard);
        engine.applyReadBack(readBack.read(clock.instant().minus(SchedulePolicy.MAX_LIFETIME), READ_BACK_TIMEOUT));
      }
    } catch (RuntimeException e) {
      // Kafka or the registry unreachable, mostly; nothing can be minted before this succeeds.
      LOG.warn("issuer start-up step failed: {}; retrying in {}", e.toString(), BOOTSTRAP_RETRY);
      loop.schedule(guarded("start-up", this::bootstrap), BOOTSTRAP_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void startControl() {
    if (control != null) {
      return;
    }
    Map<String, Object> serde = config.kafka().serdeProperties();
    control = new ControlConsumer(consumer("control"), Topics.REGIONS.valueSerde(serde).deserializer(),
        Topics.ISSUE_REQUESTS.valueSerde(serde).deserializer(), engine, loop, guard, clock, SchedulePolicy.MAX_LIFETIME);
    controlThread = daemon(control, "baton-issuer-control");
    controlThread.start();
  }

  private KafkaConsumer<byte[], byte[]> consumer(String role) {
    Map<String, Object> props = config.kafka().clientProperties();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "baton-issuer-" + config.issuerId() + "-" + role);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private void startManagement() {
    vertx = Vertx.vertx();
    management = new ManagementServer(config.management().host(), config.management().port(), this::health,
        this::readiness, registry, this::routes);
    vertx.deployVerticle(management).await();
    LOG.info("issuer management on {}:{}", config.management().host(), management.actualPort());
  }

  private void routes(Router router) {
    // Public metadata only: serials and times, never key material.
    router.get("/credentials").handler(ctx -> {
      JsonArray out = new JsonArray();
      newestCredentials().values().forEach(c -> out.add(new JsonObject()
          .put("certificateId", c.pair().certificateId()).put("region", c.pair().region()).put("serial", c.serial())
          .put("issuedAt", c.issuedAt().toString()).put("expiresAt", c.expiresAt().toString())
          .put("regionKeyId", c.regionKeyId())));
      ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
    });
  }

  /** Liveness: false after an unexpected error or when the control thread died. */
  public Readiness health() {
    if (fatal != null) {
      return Readiness.notReady(fatal);
    }
    if (controlThread != null && !controlThread.isAlive() && !closed) {
      return Readiness.notReady("the regions/requests consumer thread stopped");
    }
    return Readiness.ready("ok");
  }

  /** Ready when the inventory is scanned, regions are loaded and the read-back is done. */
  public Readiness readiness() {
    return engine == null ? Readiness.notReady("not started") : engine.readiness();
  }

  /** Waits up to {@code timeout} for readiness; true when ready. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!readiness().ready()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** The newest acked credential per (certificate, region): public metadata only. */
  public Map<PairKey, IssuedCredential> newestCredentials() {
    return engine == null ? Map.of() : engine.newest();
  }

  /** The bound management port. */
  public int managementPort() {
    return management.actualPort();
  }

  /** The meter registry behind {@code /metrics}. */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /** Stops reading, lets in-flight sends finish (up to a timeout), closes everything. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (control != null) {
      control.close();
      join(controlThread);
    }
    if (loop != null) {
      loop.shutdown();
      try {
        if (!loop.awaitTermination(10, TimeUnit.SECONDS)) {
          loop.shutdownNow();
        }
      } catch (InterruptedException e) {
        loop.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (publisher != null) {
      publisher.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    LOG.info("issuer {} stopped", config.issuerId());
  }

  private Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // A scheduled task that throws is never run again: log and carry on instead.
        LOG.error("issuer {} failed; will run again", what, e);
      } catch (Error e) {
        fatal = what + " failed: " + e;
        throw e;
      }
    };
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void join(Thread t) {
    try {
      t.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
