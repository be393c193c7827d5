package dev.baton.cli.ops;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.GeoPolicy;
import dev.baton.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The rules of a geo policy change, free of Kafka: what the next policy record is. */
public final class Policies {
  private static final Pattern CERTIFICATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private Policies() {}

  /**
   * Parses a comma-separated region list ({@code eu,us}); blanks are ignored, duplicates folded,
   * the result sorted. An empty list is allowed: no region may hold the certificate's credentials.
   *
   * @throws IllegalArgumentException naming the first invalid region
   */
  public static List<String> parseRegions(String csv) {
    requireNonNull(csv, "csv must not be null");
    TreeSet<String> regions = new TreeSet<>();
    for (String part : csv.split(",", -1)) {
      String r = part.trim();
      if (!r.isEmpty()) {
        regions.add(Topics.requireValidRegion(r));
      }
    }
    return List.copyOf(regions);
  }

  /**
   * A certificate id as the issuer's inventory names it: letters, digits, '.', '_' or '-'; it is
   * part of record keys ({@code certificateId/region}), so no '/' and no whitespace.
   *
   * @throws IllegalArgumentException when the id cannot be a certificate id
   */
  public static String requireValidCertificateId(String id) {
    requireNonNull(id, "certificate id must not be null");
    if (!CERTIFICATE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("invalid certificate id '" + id
          + "': use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return id;
  }

  /**
   * The policy that replaces {@code previous}: version previous + 1 (1 for the first), the given
   * regions, updated now.
   */
  public static GeoPolicy next(GeoPolicy previous, String certificateId, List<String> regions, Instant now) {
    requireValidCertificateId(certificateId);
    requireNonNull(regions, "regions must not be null");
    requireNonNull(now, "now must not be null");
    if (previous != null && !previous.getCertificateId().equals(certificateId)) {
      throw new IllegalArgumentException("previous policy is for '" + previous.getCertificateId()
          + "', not '" + certificateId + "'");
    }
    long version = previous == null ? 1 : previous.getVersion() + 1;
    return GeoPolicy.newBuilder()
        .setCertificateId(certificateId)
        .setRegions(new ArrayList<>(new TreeSet<>(regions)))
        .setVersion(version)
        .setUpdatedAt(now)
        .build();
  }

  /** The regions of a policy as {@code eu, us}, or {@code (none)}. */
  public static String describeRegions(GeoPolicy policy) {
    return policy.getRegions().isEmpty() ? "(none)" : String.join(", ", policy.getRegions());
  }
}
