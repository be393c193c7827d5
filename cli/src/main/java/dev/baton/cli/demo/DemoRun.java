package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.demo.KeyStoreInspector.StoredCredential;
import dev.baton.credentials.Pem;
import dev.baton.service.KafkaSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * One demo run on a running broker and registry: makes the world, publishes region keys and
 * policies with the operator commands, starts the fleet, shows progress until the end of the
 * duration (or {@link #stop()}), does the handshake and the policy change on the way, and judges
 * coverage from the key store files at the end.
 */
public final class DemoRun {
  private static final Duration REFRESH = Duration.ofSeconds(1);

  private final DemoPlan plan;
  private final KafkaSettings kafka;
  private final ProgressTable table;
  private final BiFunction<DemoWorld, KafkaSettings, Fleet> fleetFactory;
  private final Clock clock;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final Map<String, List<String>> policy = new ConcurrentHashMap<>();

  /**
   * @param plan what to run
   * @param kafka the broker and registry to use
   * @param table where progress and messages go
   * @param fleetFactory makes the services for the world
   * @param clock time for display and checks
   */
  public DemoRun(DemoPlan plan, KafkaSettings kafka, ProgressTable table,
      BiFunction<DemoWorld, KafkaSettings, Fleet> fleetFactory, Clock clock) {
    this.plan = requireNonNull(plan, "plan must not be null");
    this.kafka = requireNonNull(kafka, "kafka must not be null");
    this.table = requireNonNull(table, "table must not be null");
    this.fleetFactory = requireNonNull(fleetFactory, "fleetFactory must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /** Ends the run early (Ctrl-C): {@link #run()} stops the fleet and returns. */
  public void stop() {
    stopRequested.countDown();
  }

  /**
   * Runs to the end; returns the exit status: 0 when (with a duration) every datacenter holds
   * exactly what the final policy allows, valid; 1 otherwise. Without a duration, 0 after a stop.
   */
  public int run() throws InterruptedException {
    Instant started = clock.instant();
    DemoWorld world = DemoWorld.create(plan, started);
    table.message("State directory: " + world.root());
    table.message("Demo CA certificate (trust it in a TLS client): " + world.caCertificate());
    OperatorConsole operator = new OperatorConsole(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), table::message);
    publish(world, operator);
    KeyStoreInspector inspector = new KeyStoreInspector(Pem.readCertificates(world.caCertificate()).get(0), clock);
    PolicyScript script = new PolicyScript(policy, plan.datacenters(), (cert, regions) ->
        operator.baton("policy", "set", "--certificate", cert, "--regions", String.join(",", regions)), table::message);
    Set<String> names = plan.datacenters().stream().map(Datacenter::name).collect(Collectors.toSet());
    try (Fleet fleet = fleetFactory.apply(world, kafka);
        StatusFeed feed = StatusFeed.start(kafka, names, script::onStatus)) {
      fleet.start();
      Instant servicesStarted = clock.instant();
      table.message("Issuer, distributor, monitor and " + plan.datacenters().size()
          + " edge agents started; waiting for coverage ...");
      if (fleet.monitorPort() != 0) {
        table.message("Monitor API: http://127.0.0.1:" + fleet.monitorPort() + "/datacenters (also /rollouts, /regions, /metrics)");
      }
      watch(world, fleet, feed, inspector, script, started, servicesStarted);
      Map<String, Map<String, StoredCredential>> stores = inspectAll(world, inspector);
      List<String> problems = CoverageCheck.problems(plan.datacenters(), policy, stores);
      return verdict(problems);
    }
  }

  private void publish(DemoWorld world, OperatorConsole operator) {
    for (String region : plan.regions()) {
      operator.baton("region", "publish", "--region", region, "--public-key", world.regionPublicKey(region).toString());
    }
    for (String id : plan.certificateIds()) {
      List<String> regions = plan.policy().get(id);
      operator.baton("policy", "set", "--certificate", id, "--regions", String.join(",", regions));
      policy.put(id, List.copyOf(regions));
    }
  }

  private void watch(DemoWorld world, Fleet fleet, StatusFeed feed, KeyStoreInspector inspector, PolicyScript script,
      Instant started, Instant servicesStarted) throws InterruptedException {
    Instant deadline = plan.duration().map(started::plus).orElse(Instant.MAX);
    boolean covered = false;
    Map<String, String> serials = new LinkedHashMap<>();
    while (!stopRequested.await(REFRESH.toMillis(), TimeUnit.MILLISECONDS)) {
      Instant now = clock.instant();
      Map<String, Map<String, StoredCredential>> stores = inspectAll(world, inspector);
      table.update(rows(fleet, feed, stores));
      reportRotations(stores, serials, covered);
      if (!covered && CoverageCheck.problems(plan.datacenters(), policy, stores).isEmpty()) {
        covered = true;
        table.message(String.format("Every datacenter covered %.1f s after start (%.1f s after the services started).",
            Duration.between(started, now).toMillis() / 1000.0, Duration.between(servicesStarted, now).toMillis() / 1000.0));
        handshake(world, fleet, stores);
        script.begin(clock.instant());
      }
      script.tick(stores, now);
      if (!now.isBefore(deadline)) {
        break;
      }
    }
  }

  private void reportRotations(Map<String, Map<String, StoredCredential>> stores, Map<String, String> serials, boolean announce) {
    for (Map.Entry<String, Map<String, StoredCredential>> dc : stores.entrySet()) {
      for (StoredCredential c : dc.getValue().values()) {
        String key = dc.getKey() + "/" + c.certificateId();
        String before = serials.put(key, c.serial());
        if (announce && before != null && !before.equals(c.serial())) {
          table.message("Rotation: " + dc.getKey() + " now serves " + c.certificateId() + " with serial " + c.serial()
              + " (was " + before + "), expires " + c.expiresAt());
        }
      }
    }
  }

  private void handshake(DemoWorld world, Fleet fleet, Map<String, Map<String, StoredCredential>> stores) {
    Datacenter dc = plan.datacenters().get(0);
    List<String> held = new ArrayList<>(stores.getOrDefault(dc.name(), Map.of()).keySet());
    if (held.isEmpty()) {
      table.message("TLS handshake skipped: " + dc.name() + " holds no credential");
      return;
    }
    String cert = held.get(0);
    int port = fleet.tlsPort(dc);
    try {
      // NSS is the independent witness; without it, the project's own Bouncy Castle client.
      Handshake.Result r = Handshake.tstclntAvailable()
          ? Handshake.trusting(world.root().resolve("nssdb"), world.caCertificate()).connect(port, DemoWorld.dnsName(cert))
          : new DcTlsClient(world.caCertificate(), clock).connect(port, DemoWorld.dnsName(cert));
      StoredCredential stored = stores.get(dc.name()).get(cert);
      table.message("TLS handshake with " + dc.name() + " (127.0.0.1:" + port + ", SNI " + DemoWorld.dnsName(cert)
          + ") using " + r.client() + ": " + (r.succeeded() ? "completed" : "FAILED")
          + (r.delegatedCredential() ? ", delegated credential received" : ", NO delegated credential")
          + ", signature scheme " + r.scheme()
          + (r.serverKeyBits() == null ? "" : ", signed by a " + r.serverKeyBits() + "-bit key (the certificate's is 384-bit)")
          + (r.serial() == null ? "" : ", DC serial " + r.serial())
          + (stored != null && stored.serial().equals(r.serial()) ? ", DC expires " + stored.expiresAt() : ""));
      if (!r.succeeded() || !r.delegatedCredential()) {
        table.message(r.transcript());
      }
    } catch (IOException e) {
      table.message("TLS handshake failed: " + e.getMessage());
    }
  }

  private List<DatacenterRow> rows(Fleet fleet, StatusFeed feed, Map<String, Map<String, StoredCredential>> stores) {
    List<DatacenterRow> rows = new ArrayList<>();
    for (Datacenter dc : plan.datacenters()) {
      Map<String, StoredCredential> store = stores.getOrDefault(dc.name(), Map.of());
      Instant newest = store.values().stream().map(StoredCredential::expiresAt).filter(e -> e != null)
          .max(Instant::compareTo).orElse(null);
      int port = fleet.tlsPort(dc);
      rows.add(new DatacenterRow(dc, port == 0 ? "-" : "127.0.0.1:" + port,
          CoverageCheck.installed(dc, policy, store), CoverageCheck.expected(dc, policy), newest, feed.lastLag(dc.name())));
    }
    return rows;
  }

  private Map<String, Map<String, StoredCredential>> inspectAll(DemoWorld world, KeyStoreInspector inspector) {
    Map<String, Map<String, StoredCredential>> stores = new LinkedHashMap<>();
    for (Datacenter dc : plan.datacenters()) {
      stores.put(dc.name(), inspector.inspect(world.keyStore(dc)));
    }
    return stores;
  }

  private int verdict(List<String> problems) {
    if (plan.duration().isEmpty() && stopRequested.getCount() == 0) {
      table.message("Stopped.");
      return 0;
    }
    if (problems.isEmpty()) {
      Set<String> regions = new HashSet<>(plan.regions());
      table.message("OK: every datacenter in " + regions.size() + " regions holds a valid credential for every"
          + " certificate its region is allowed, and none for any other (checked from the key store files).");
      return 0;
    }
    table.message("NOT OK:");
    problems.forEach(p -> table.message("  " + p));
    return 1;
  }
}
