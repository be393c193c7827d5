package dev.baton.edge;

import dev.baton.edge.store.InstalledCredential;
import dev.baton.edge.store.InstalledCredentials;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** {@code GET /credentials}: what the agent serves, per certificate (never key material). */
final class CredentialsRoute {

  private CredentialsRoute() {}

  static void register(Router router, Supplier<InstalledCredentials> credentials, Clock clock) {
    router.get("/credentials").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(json(credentials.get(), clock.instant()).encode()));
  }

  static JsonArray json(InstalledCredentials held, Instant now) {
    JsonArray out = new JsonArray();
    for (InstalledCredential c : held.current()) {
      // Whole seconds: credential lifetimes are whole seconds (RFC 9345 valid_time).
      Duration remaining = Duration.ofSeconds(Duration.between(now, c.expiresAt()).toSeconds());
      out.add(new JsonObject()
          .put("certificate", c.certificateId())
          .put("serial", c.serial())
          .put("expires", c.expiresAt().toString())
          .put("remaining", (remaining.isNegative() ? Duration.ZERO : remaining).toString())
          .put("remainingSeconds", Math.max(0, remaining.toSeconds()))
          .put("previous", held.all(c.certificateId()).size() - 1));
    }
    return out;
  }
}
