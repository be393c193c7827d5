package dev.baton.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One combined broker+controller KRaft node in this JVM, on free loopback ports, in a temp dir
 * deleted on close.
 *
 * <p>The listener {@code PLAINTEXT} serves clients; {@code CONTROLLER} serves the quorum. Extra
 * listeners (SASL, TLS) get their own free ports: see {@link #start(Map, Map)}.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String CLIENT_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  /** Port picking can race with other processes on the machine; a few fresh tries fix that. */
  private static final int START_ATTEMPTS = 3;

  private final Path dataDir;
  private final KafkaConfig config;
  private final Map<String, Integer> listenerPorts;
  private KafkaRaftServer server;
  private Admin admin;
  private boolean closed;

  private EmbeddedKafka(Path dataDir, KafkaConfig config, Map<String, Integer> listenerPorts) {
    this.dataDir = dataDir;
    this.config = config;
    this.listenerPorts = listenerPorts;
  }

  /** Starts a node with default settings. */
  public static EmbeddedKafka start() {
    return start(Map.of());
  }

  /** Starts a node; {@code extraConfig} is added to (and overrides) the broker config. */
  public static EmbeddedKafka start(Map<String, String> extraConfig) {
    return start(Map.of(), extraConfig);
  }

  /**
   * Starts a node with extra listeners, each on its own free loopback port (for example {@code
   * Map.of("SASL", SecurityProtocol.SASL_PLAINTEXT)}); {@code extraConfig} then adds what they
   * need (for example {@code listener.name.sasl.plain.sasl.jaas.config}) and overrides defaults.
   */
  public static EmbeddedKafka start(
      Map<String, SecurityProtocol> extraListeners, Map<String, String> extraConfig) {
    Objects.requireNonNull(extraListeners, "extraListeners must not be null");
    Objects.requireNonNull(extraConfig, "extraConfig must not be null");
    RuntimeException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      Path dir = TempDirs.create("baton-kafka-");
      try {
        EmbeddedKafka kafka = format(dir, extraListeners, extraConfig);
        kafka.startServer();
        return kafka;
      } catch (RuntimeException e) {
        TempDirs.deleteQuietly(dir);
        if (!Ports.isBindFailure(e)) {
          throw e;
        }
        LOG.warn("Embedded Kafka port already taken (attempt {}), retrying on new ports", attempt);
        last = e;
      }
    }
    throw last;
  }

  private static EmbeddedKafka format(
      Path dir, Map<String, SecurityProtocol> extraListeners, Map<String, String> extraConfig) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    Map<String, SecurityProtocol> protocols = new LinkedHashMap<>();
    protocols.put(CLIENT_LISTENER, SecurityProtocol.PLAINTEXT);
    protocols.put(CONTROLLER_LISTENER, SecurityProtocol.PLAINTEXT);
    protocols.putAll(extraListeners);
    protocols.keySet().forEach(name -> ports.put(name, Ports.free()));

    Map<String, String> props = BrokerConfig.defaults(dir, ports, protocols);
    props.putAll(extraConfig);
    KafkaConfig config = new KafkaConfig(props, false);
    try {
      Formatter formatter =
          new Formatter()
              .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
              .setNodeId(config.nodeId())
              .setClusterId(Uuid.randomUuid().toString())
              .setControllerListenerName(config.controllerListenerNames().get(0))
              .setMetadataLogDirectory(config.metadataLogDir())
              .setReleaseVersion(MetadataVersion.latestProduction());
      config.logDirs().forEach(formatter::addDirectory);
      formatter.addDirectory(config.metadataLogDir());
      formatter.run();
    } catch (Exception e) {
      throw new EmbeddedStartException("could not format Kafka storage in " + dir, e);
    }
    return new EmbeddedKafka(dir, config, Map.copyOf(ports));
  }

  private void startServer() {
    long started = System.nanoTime();
    KafkaRaftServer s = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      s.startup();
    } catch (RuntimeException e) {
      shutdownQuietly(s);
      throw e;
    }
    server = s;
    awaitReady();
    LOG.info(
        "Embedded Kafka ready on {} in {} ms",
        bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** Blocks until the broker answers a metadata request with itself in the cluster. */
  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (!admin()
            .describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
            .nodes()
            .get(10, TimeUnit.SECONDS)
            .isEmpty()) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedStartException("interrupted while waiting for Kafka", e);
      }
      sleep(100);
    }
    throw new EmbeddedStartException(
        "Kafka at " + bootstrapServers() + " not ready after " + READY_TIMEOUT, last);
  }

  /** {@code 127.0.0.1:<port>} of the PLAINTEXT client listener. */
  public String bootstrapServers() {
    return bootstrapServers(CLIENT_LISTENER);
  }

  /** {@code 127.0.0.1:<port>} of the named listener (the client one or an extra one). */
  public String bootstrapServers(String listenerName) {
    Integer port = listenerPorts.get(listenerName);
    if (port == null) {
      throw new IllegalArgumentException(
          "no listener named " + listenerName + "; listeners: " + listenerPorts.keySet());
    }
    return "127.0.0.1:" + port;
  }

  /** The broker's data directory (deleted on close). */
  public Path dataDir() {
    return dataDir;
  }

  /** An Admin client (owned by this object, closed with it). */
  public synchronized Admin admin() {
    ensureOpen();
    if (admin == null) {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                  AdminClientConfig.CLIENT_ID_CONFIG, "baton-embedded-admin"));
    }
    return admin;
  }

  /** Stops the broker but keeps its data and ports, for failure tests. */
  public synchronized void stopBroker() {
    ensureOpen();
    if (server != null) {
      shutdownQuietly(server);
      server = null;
      LOG.info("Embedded Kafka on {} stopped", bootstrapServers());
    }
  }

  /** Starts a broker stopped with {@link #stopBroker()} again, same ports and data. */
  public synchronized void restartBroker() {
    ensureOpen();
    if (server != null) {
      throw new IllegalStateException("broker is running; call stopBroker() first");
    }
    startServer();
  }

  /** Whether the broker is running (false between {@link #stopBroker()} and a restart). */
  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
    if (server != null) {
      shutdownQuietly(server);
      server = null;
    }
    TempDirs.deleteQuietly(dataDir);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("EmbeddedKafka is closed");
    }
  }

  private static void shutdownQuietly(KafkaRaftServer s) {
    try {
      s.shutdown();
      s.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Embedded Kafka did not shut down cleanly", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedStartException("interrupted while waiting for Kafka", e);
    }
  }
}
