package dev.baton.service;

import static java.util.Objects.requireNonNull;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The management port every Baton service exposes: {@code /healthy} (the process works),
 * {@code /ready} (the service is doing its job; 503 with the reason otherwise) and
 * {@code /metrics} (Prometheus text). Services add their own read-only routes.
 */
public final class ManagementServer extends VerticleBase {

  private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final String host;
  private final int port;
  private final Supplier<Readiness> health;
  private final Supplier<Readiness> readiness;
  private final PrometheusMeterRegistry metrics;
  private final Consumer<Router> extraRoutes;
  private HttpServer server;

  /**
   * @param host address to bind
   * @param port port to bind (0: a free one, see {@link #actualPort()})
   * @param health liveness: false means restart me
   * @param readiness readiness: false means do not rely on me now
   * @param metrics the registry whose scrape {@code /metrics} serves
   * @param extraRoutes adds service-specific routes (may do nothing)
   */
  public ManagementServer(String host, int port, Supplier<Readiness> health, Supplier<Readiness> readiness,
      PrometheusMeterRegistry metrics, Consumer<Router> extraRoutes) {
    this.host = requireNonNull(host, "host must not be null");
    this.port = port;
    this.health = requireNonNull(health, "health must not be null");
    this.readiness = requireNonNull(readiness, "readiness must not be null");
    this.metrics = requireNonNull(metrics, "metrics must not be null");
    this.extraRoutes = requireNonNull(extraRoutes, "extraRoutes must not be null");
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/healthy").handler(ctx -> answer(ctx, health.get()));
    router.get("/ready").handler(ctx -> answer(ctx, readiness.get()));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", PROMETHEUS_TYPE)
        .end(metrics.scrape()));
    extraRoutes.accept(router);
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(port, host)
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The bound port (after start). */
  public int actualPort() {
    if (server == null) {
      throw new IllegalStateException("management server not started");
    }
    return server.actualPort();
  }

  private static void answer(RoutingContext ctx, Readiness r) {
    ctx.response()
        .setStatusCode(r.ready() ? 200 : 503)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", r.ready() ? "UP" : "DOWN").put("detail", r.detail()).encode());
  }
}
