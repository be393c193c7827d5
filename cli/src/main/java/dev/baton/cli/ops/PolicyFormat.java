package dev.baton.cli.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.cli.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders geo policies for people (a table) and for scripts (JSON). */
public final class PolicyFormat {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PolicyFormat() {}

  /** An aligned table, one policy a row, or a note when there is none. */
  public static String table(List<GeoPolicy> policies) {
    if (policies.isEmpty()) {
      return "no geo policies yet (baton policy set --certificate ID --regions eu,us)\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CERTIFICATE", "VERSION", "REGIONS", "UPDATED"});
    for (GeoPolicy p : policies) {
      rows.add(new String[] {p.getCertificateId(), Long.toString(p.getVersion()),
          Policies.describeRegions(p), p.getUpdatedAt().toString()});
    }
    return TextTable.render(rows);
  }

  /** A JSON array of {certificateId, regions, version, updatedAt (ISO-8601)}. */
  public static String json(List<GeoPolicy> policies) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (GeoPolicy p : policies) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("certificateId", p.getCertificateId());
      m.put("regions", p.getRegions());
      m.put("version", p.getVersion());
      m.put("updatedAt", p.getUpdatedAt().toString());
      out.add(m);
    }
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render policies as JSON", e);
    }
  }
}
