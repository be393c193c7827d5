package dev.baton.cli.demo;

import dev.baton.embedded.EmbeddedKafka;
import dev.baton.embedded.EmbeddedSchemaRegistry;
import dev.baton.embedded.EmbeddedStartException;
import dev.baton.cli.credentials.CliSupport;
import dev.baton.service.KafkaSettings;
import java.io.IOException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code baton demo}: an in-process Kafka broker and an Apicurio schema registry on loopback, until
 * Ctrl-C. The two address lines are a contract: later versions of the demo keep them verbatim.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline on this machine: a local Kafka broker (in this JVM) and schema registry"
          + " (a child process), a demo CA with delegation certificates, region keys, the issuer, the"
          + " distributor and one edge agent per datacenter, with a live table of what every datacenter"
          + " holds. Mid-run it changes a geo policy and shows the edges purge and re-install; once"
          + " every datacenter is covered it does a TLS handshake with a delegated credential.",
      "Stops at the end of --duration or on Ctrl-C, leaving no process or port behind. With"
          + " --duration the exit status is 0 only if every datacenter then holds a valid credential"
          + " for exactly the certificates its region is allowed."
    })
public final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--duration", paramLabel = "DURATION", converter = CliSupport.DurationConverter.class,
      description = "Stop after this long, e.g. 150s or 10m, and report coverage in the exit status (default: until Ctrl-C).")
  Duration duration;

  @CommandLine.Option(names = "--lifetime", paramLabel = "DURATION", defaultValue = "10m",
      converter = CliSupport.DurationConverter.class,
      description = "Credential lifetime; renewal at half of it (default: ${DEFAULT-VALUE}).")
  Duration lifetime;

  @CommandLine.Option(names = "--certificates", paramLabel = "N", defaultValue = "3",
      description = "Delegation certificates to make, cert-1 .. cert-N (default: ${DEFAULT-VALUE}).")
  int certificates;

  @CommandLine.Option(names = "--datacenters", paramLabel = "REGION:NAME,...", defaultValue = DemoPlan.DEFAULT_DATACENTERS,
      description = "Edge datacenters and their regions (default: ${DEFAULT-VALUE}).")
  String datacenters;

  @CommandLine.Option(names = "--policy", paramLabel = "FILE",
      description = "Properties file of geo policies, e.g. cert-1=eu,us (default: cert-1 first region only,"
          + " cert-2 everywhere, cert-3 all but the first, repeating).")
  Path policyFile;

  @CommandLine.Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where keys, configs and key stores go (default: a new temporary directory, kept after the run).")
  Path stateDir;

  private final BiFunction<DemoWorld, KafkaSettings, Fleet> fleetFactory;

  /** The demo with the in-process services. */
  public DemoCommand() {
    this(DemoCommand.defaultFleet());
  }

  /** The demo with another fleet (tests). */
  DemoCommand(BiFunction<DemoWorld, KafkaSettings, Fleet> fleetFactory) {
    this.fleetFactory = java.util.Objects.requireNonNull(fleetFactory, "fleetFactory must not be null");
  }

  /** The in-process services, each configured as {@link DemoConfigs} writes it down. */
  static BiFunction<DemoWorld, KafkaSettings, Fleet> defaultFleet() {
    return (world, kafka) -> new InProcessFleet(world, new DemoConfigs(world, kafka, "run"));
  }

  @Override
  public Integer call() throws InterruptedException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    DemoPlan plan = plan();
    long started = System.nanoTime();
    DemoStack stack = new DemoStack();
    AtomicReference<DemoRun> run = new AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(stopHook(stack, run, finished));
    try {
      stack.start();
    } catch (EmbeddedStartException e) {
      spec.commandLine().getErr().println("baton demo: " + e.getMessage());
      return 1;
    }
    out.println("Kafka bootstrap servers: " + stack.kafka().bootstrapServers());
    out.println("Schema registry: " + stack.registry().url());
    out.printf(
        "Ready in %.1f s.%s%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 1000.0,
        plan.duration().map(d -> " Running for " + d.toSeconds() + " s (Ctrl-C stops earlier).").orElse(" Press Ctrl-C to stop."));
    out.flush();
    KafkaSettings kafka = new KafkaSettings(stack.kafka().bootstrapServers(), stack.registry().url(), Map.of());
    ProgressTable table = ProgressTable.forConsole();
    if (table.inPlace()) {
      // Log lines would tear the table that is redrawn in place; errors still show.
      Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.ERROR);
    }
    DemoRun r = new DemoRun(plan, kafka, table, fleetFactory, Clock.systemUTC());
    run.set(r);
    try {
      return r.run();
    } finally {
      finished.countDown();
      stack.close();
    }
  }

  /**
   * Ctrl-C runs shutdown hooks only: the hook asks the run to stop, waits for it to stop the
   * services, then closes broker and registry so no process or port is left.
   */
  private static Thread stopHook(DemoStack stack, AtomicReference<DemoRun> run, CountDownLatch finished) {
    return new Thread(() -> {
      DemoRun r = run.get();
      if (r != null) {
        r.stop();
        awaitQuietly(finished);
      }
      stack.close();
    }, "baton-demo-stop");
  }

  private DemoPlan plan() throws IOException {
    Path dir = stateDir != null ? stateDir : Files.createTempDirectory("baton-demo-");
    try {
      return DemoPlan.of(duration, lifetime, certificates, datacenters, policyFile, dir);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The broker and the registry, stopped in reverse order of starting, at most once. */
  static final class DemoStack implements AutoCloseable {
    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;
    private boolean closed;

    /** Starts both at once (the registry is a child process): the demo is ready sooner. */
    void start() {
      CompletableFuture<EmbeddedSchemaRegistry> pending =
          CompletableFuture.supplyAsync(EmbeddedSchemaRegistry::start);
      try {
        EmbeddedKafka k = EmbeddedKafka.start();
        synchronized (this) {
          kafka = k;
        }
        EmbeddedSchemaRegistry r = pending.join();
        synchronized (this) {
          registry = r;
        }
      } catch (RuntimeException e) {
        pending.thenAccept(EmbeddedSchemaRegistry::close);
        close();
        throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause
            ? cause
            : e;
      }
      synchronized (this) {
        if (closed) { // Ctrl-C during startup: close() ran before these existed
          closeParts();
        }
      }
    }

    synchronized EmbeddedKafka kafka() {
      return kafka;
    }

    synchronized EmbeddedSchemaRegistry registry() {
      return registry;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      closeParts();
    }

    private void closeParts() {
      try {
        if (registry != null) {
          registry.close();
          registry = null;
        }
      } finally {
        if (kafka != null) {
          kafka.close();
          kafka = null;
        }
      }
    }
  }
}
