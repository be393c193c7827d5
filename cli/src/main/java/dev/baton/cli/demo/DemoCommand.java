package dev.baton.cli.demo;

import dev.baton.embedded.EmbeddedKafka;
import dev.baton.embedded.EmbeddedSchemaRegistry;
import dev.baton.embedded.EmbeddedStartException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
      "Starts a local Kafka broker (in this JVM) and schema registry (a child process), prints"
          + " their addresses and runs until Ctrl-C. Nothing is kept after it stops."
    })
public final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    DemoStack stack = new DemoStack();
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C runs shutdown hooks only: the hook does the stopping, then lets main return.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "baton-demo-stop"));
    try {
      stack.start();
    } catch (EmbeddedStartException e) {
      spec.commandLine().getErr().println("baton demo: " + e.getMessage());
      return 1;
    }
    out.println("Kafka bootstrap servers: " + stack.kafka().bootstrapServers());
    out.println("Schema registry: " + stack.registry().url());
    out.printf(
        "Ready in %.1f s. Press Ctrl-C to stop.%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 1000.0);
    out.flush();
    stopped.await();
    return 0;
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
