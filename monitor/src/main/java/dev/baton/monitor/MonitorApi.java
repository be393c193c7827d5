package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Read-only JSON routes on the management port: {@code GET /datacenters[?region=R&atRisk=true]},
 * {@code GET /datacenters/:datacenter}, {@code GET /rollouts[?region=R&certificate=C&newest=true]}
 * and {@code GET /regions} (coverage of the newest rollouts per region). Also refreshes the gauges
 * right before every {@code /metrics} scrape, so a scrape never shows stale state.
 */
final class MonitorApi {

  private final RolloutTracker tracker;
  private final MonitorMetrics metrics;

  MonitorApi(RolloutTracker tracker, MonitorMetrics metrics) {
    this.tracker = requireNonNull(tracker, "tracker must not be null");
    this.metrics = requireNonNull(metrics, "metrics must not be null");
  }

  void routes(Router router) {
    // Order -1 runs before the shared server's /metrics handler, which was added first.
    router.get("/metrics").order(-1).handler(ctx -> {
      metrics.refresh();
      ctx.next();
    });
    router.get("/datacenters").handler(ctx -> {
      Predicate<DatacenterView> keep = d -> matches(ctx, "region", d.region())
          && (!"true".equals(ctx.queryParams().get("atRisk")) || d.atRisk());
      json(ctx, 200, array(tracker.datacenters().stream().filter(keep).toList(), MonitorJson::datacenter));
    });
    router.get("/datacenters/:datacenter").handler(ctx -> {
      String name = ctx.pathParam("datacenter");
      tracker.datacenter(name).ifPresentOrElse(
          d -> json(ctx, 200, MonitorJson.datacenter(d)),
          () -> json(ctx, 404, new JsonObject().put("error", "unknown datacenter '" + name + "'")));
    });
    router.get("/rollouts").handler(ctx -> {
      Predicate<RolloutView> keep = r -> matches(ctx, "region", r.region())
          && matches(ctx, "certificate", r.certificateId())
          && (!"true".equals(ctx.queryParams().get("newest")) || r.newest());
      json(ctx, 200, array(tracker.rollouts().stream().filter(keep).toList(), MonitorJson::rollout));
    });
    router.get("/regions").handler(ctx -> json(ctx, 200, array(tracker.regionCoverage(), MonitorJson::region)));
  }

  private static boolean matches(RoutingContext ctx, String param, String value) {
    String wanted = ctx.queryParams().get(param);
    return wanted == null || wanted.equals(value);
  }

  private static <T> JsonArray array(List<T> items, Function<T, JsonObject> toJson) {
    JsonArray out = new JsonArray();
    items.forEach(i -> out.add(toJson.apply(i)));
    return out;
  }

  private static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
  }
}
