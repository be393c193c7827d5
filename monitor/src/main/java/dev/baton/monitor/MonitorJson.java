package dev.baton.monitor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/** The JSON shapes of the monitor's API: instants as ISO-8601 strings, durations as seconds. */
final class MonitorJson {

  private MonitorJson() {}

  static JsonObject datacenter(DatacenterView d) {
    JsonArray credentials = new JsonArray();
    for (InstalledCredential c : d.credentials()) {
      credentials.add(new JsonObject()
          .put("certificateId", c.certificateId())
          .put("serial", c.serial())
          .put("issuedAt", iso(c.issuedAt()))
          .put("expiresAt", iso(c.expiresAt()))
          .put("installedAt", iso(c.installedAt())));
    }
    JsonArray risks = new JsonArray();
    d.risks().stream().sorted().forEach(r -> risks.add(r.name()));
    return new JsonObject()
        .put("datacenter", d.datacenter())
        .put("region", d.region())
        .put("covered", d.covered())
        .put("missing", new JsonArray(d.missing().stream().map(Object.class::cast).toList()))
        .put("atRisk", d.atRisk())
        .put("risks", risks)
        .put("credentials", credentials)
        .put("newestExpiry", iso(d.newestExpiry()))
        .put("earliestExpiry", iso(d.earliestExpiry()))
        .put("headroomSeconds", seconds(d.headroom()))
        .put("lastLagSeconds", seconds(d.lastLag()))
        .put("lastInstalledAt", iso(d.lastInstalledAt()))
        .put("lastHeartbeat", iso(d.lastHeartbeat()))
        .put("reportedInstalledCount", d.reportedInstalledCount())
        .put("rejections", new JsonObject(new java.util.TreeMap<String, Object>(d.rejections())));
  }

  static JsonObject rollout(RolloutView r) {
    return new JsonObject()
        .put("certificateId", r.certificateId())
        .put("region", r.region())
        .put("serial", r.serial())
        .put("newest", r.newest())
        .put("allowed", r.allowed())
        .put("issuedAt", iso(r.issuedAt()))
        .put("expiresAt", iso(r.expiresAt()))
        .put("coverage", r.coverage())
        .put("complete", r.complete())
        .put("knownDatacenters", r.knownDatacenters())
        .put("installedBy", new JsonArray(r.installedBy().stream().map(Object.class::cast).toList()))
        .put("rejectedBy", new JsonArray(r.rejectedBy().stream().map(Object.class::cast).toList()));
  }

  static JsonObject region(RegionCoverage c) {
    return new JsonObject()
        .put("region", c.region())
        .put("datacenters", c.datacenters())
        .put("newestRollouts", c.newestRollouts())
        .put("installedPairs", c.installedPairs())
        .put("coverage", c.ratio());
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Double seconds(Duration d) {
    return d == null ? null : d.toMillis() / 1000.0;
  }
}
