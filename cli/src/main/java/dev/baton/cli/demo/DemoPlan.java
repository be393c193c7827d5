package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.ops.Policies;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What one demo run does, from its flags: how long, which datacenters, which certificates, and the
 * geo policy of each certificate. Validated as a whole, so a bad flag fails before anything starts.
 *
 * @param duration how long to run (empty: until Ctrl-C)
 * @param lifetime credential lifetime (renewal at half of it)
 * @param certificateIds the delegation certificates to make
 * @param datacenters the edge datacenters, in display order
 * @param policy the allowed regions per certificate id
 * @param stateDir where keys, configs and key stores go
 */
public record DemoPlan(Optional<Duration> duration, Duration lifetime, List<String> certificateIds,
    List<Datacenter> datacenters, Map<String, List<String>> policy, Path stateDir) {

  /** The datacenters of the demo: two per region in eu, us and apac. */
  public static final String DEFAULT_DATACENTERS = "eu:fra1,eu:ams1,us:iad1,us:sjc1,apac:sin1,apac:nrt1";
  /** The issuer does not mint credentials shorter than this (not worth rolling out). */
  static final Duration MIN_LIFETIME = Duration.ofMinutes(5);
  static final Duration MAX_LIFETIME = Duration.ofDays(7);
  static final Duration MIN_DURATION = Duration.ofSeconds(30);
  static final int MAX_CERTIFICATES = 20;

  public DemoPlan {
    requireNonNull(duration, "duration must not be null");
    requireNonNull(lifetime, "lifetime must not be null");
    requireNonNull(stateDir, "stateDir must not be null");
    certificateIds = List.copyOf(certificateIds);
    datacenters = List.copyOf(datacenters);
    policy = Map.copyOf(policy);
    if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("--lifetime " + lifetime
          + " must be between 5m (the issuer mints nothing shorter) and 7d (RFC 9345's maximum)");
    }
    if (duration.isPresent() && duration.get().compareTo(MIN_DURATION) < 0) {
      throw new IllegalArgumentException("--duration " + duration.get() + " is too short to see anything (minimum 30s)");
    }
    if (datacenters.isEmpty()) {
      throw new IllegalArgumentException("--datacenters must name at least one datacenter");
    }
    Set<String> names = new HashSet<>();
    for (Datacenter dc : datacenters) {
      if (!names.add(dc.name())) {
        throw new IllegalArgumentException("datacenter '" + dc.name() + "' is listed twice");
      }
    }
    if (!policy.keySet().equals(new HashSet<>(certificateIds))) {
      throw new IllegalArgumentException("the policy must cover exactly the certificates " + certificateIds);
    }
  }

  /** Builds a plan from the flags; {@code policyFile} may be null (the default policy). */
  public static DemoPlan of(Duration duration, Duration lifetime, int certificates, String datacenters,
      Path policyFile, Path stateDir) {
    if (certificates < 1 || certificates > MAX_CERTIFICATES) {
      throw new IllegalArgumentException("--certificates " + certificates + " must be between 1 and " + MAX_CERTIFICATES);
    }
    List<Datacenter> dcs = parseDatacenters(datacenters);
    if (dcs.isEmpty()) {
      throw new IllegalArgumentException("--datacenters must name at least one datacenter");
    }
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= certificates; i++) {
      ids.add("cert-" + i);
    }
    Map<String, List<String>> policy = defaultPolicy(ids, regionsOf(dcs));
    if (policyFile != null) {
      policy.putAll(readPolicyFile(policyFile, ids));
    }
    return new DemoPlan(Optional.ofNullable(duration), lifetime, ids, dcs, policy, stateDir);
  }

  /** Parses {@code eu:fra1,us:iad1}. */
  public static List<Datacenter> parseDatacenters(String csv) {
    List<Datacenter> out = new ArrayList<>();
    for (String part : requireNonNull(csv, "datacenters must not be null").split(",")) {
      if (!part.isBlank()) {
        out.add(Datacenter.parse(part.trim()));
      }
    }
    return out;
  }

  /**
   * The policy pattern, repeated over the certificates: the first region only (EU-only),
   * every region, every region but the first (US+APAC). With one region every certificate gets it.
   */
  static Map<String, List<String>> defaultPolicy(List<String> ids, List<String> regions) {
    Map<String, List<String>> policy = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      List<String> allowed = switch (i % 3) {
        case 0 -> regions.subList(0, 1);
        case 1 -> regions;
        default -> regions.size() > 1 ? regions.subList(1, regions.size()) : regions;
      };
      policy.put(ids.get(i), List.copyOf(allowed));
    }
    return policy;
  }

  /** Reads {@code cert-1=eu,us} lines; every id must be one of the demo's certificates. */
  static Map<String, List<String>> readPolicyFile(Path file, List<String> ids) {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --policy '" + file + "': " + e.getMessage(), e);
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String id : props.stringPropertyNames()) {
      if (!ids.contains(id)) {
        throw new IllegalArgumentException("--policy '" + file + "' names certificate '" + id
            + "', but the demo's certificates are " + ids);
      }
      try {
        out.put(id, Policies.parseRegions(props.getProperty(id)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--policy '" + file + "', " + id + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The regions of the datacenters, in first-seen order. */
  public List<String> regions() {
    return regionsOf(datacenters);
  }

  private static List<String> regionsOf(List<Datacenter> dcs) {
    Set<String> regions = new LinkedHashSet<>();
    dcs.forEach(dc -> regions.add(dc.region()));
    return List.copyOf(regions);
  }

  /** The certificates a datacenter should hold under the initial policy. */
  public List<String> allowedCertificates(Datacenter dc) {
    return certificateIds.stream().filter(id -> policy.get(id).contains(dc.region())).toList();
  }
}
