package dev.baton.edge;

import static java.util.Objects.requireNonNull;

import dev.baton.edge.store.InstalledCredentials;
import dev.baton.service.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One edge agent, usable in-process: the service command, the demo and the end-to-end ITs run
 * several in one JVM (each with its own Vert.x instance; there is no static state).
 */
public final class EdgeAgent implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 60;

  private final Vertx vertx;
  private final EdgeAgentVerticle verticle;
  private final EdgeReadiness readiness;

  private EdgeAgent(Vertx vertx, EdgeAgentVerticle verticle) {
    this.vertx = vertx;
    this.verticle = verticle;
    this.readiness = new EdgeReadiness(verticle.consumer(), verticle.store()::snapshot, verticle.agentConfig().safetyMargin(),
        verticle.clock());
  }

  /** Starts an agent with the system clock. */
  public static EdgeAgent start(EdgeAgentConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** Starts an agent; returns once the TLS and management ports are bound and the consumer runs. */
  public static EdgeAgent start(EdgeAgentConfig config, Clock clock) {
    requireNonNull(config, "config must not be null");
    requireNonNull(clock, "clock must not be null");
    Vertx vertx = Vertx.vertx();
    EdgeAgentVerticle verticle = new EdgeAgentVerticle(config, clock);
    try {
      await(vertx.deployVerticle(verticle));
      return new EdgeAgent(vertx, verticle);
    } catch (RuntimeException e) {
      await(vertx.close());
      throw e;
    }
  }

  /** The bound TLS port. */
  public int tlsPort() {
    return verticle.tls().port();
  }

  /** The bound management port. */
  public int managementPort() {
    return verticle.management().actualPort();
  }

  /** What the agent serves now. */
  public InstalledCredentials credentials() {
    return verticle.store().snapshot();
  }

  /** What {@code /ready} answers now. */
  public Readiness readiness() {
    return readiness.get();
  }

  /** The agent's counters. */
  public EdgeMetrics metrics() {
    return verticle.metrics();
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("edge agent failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("edge agent did not finish within " + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
