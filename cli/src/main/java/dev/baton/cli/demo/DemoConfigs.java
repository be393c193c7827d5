package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.credentials.KeyFiles;
import dev.baton.distributor.DistributorConfig;
import dev.baton.edge.EdgeAgentConfig;
import dev.baton.issuer.IssuerConfig;
import dev.baton.monitor.MonitorConfig;
import dev.baton.service.KafkaSettings;
import dev.baton.service.ManagementSettings;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration of every in-process service of a demo run, as the properties a user would put
 * in each service's {@code --config} file. Each is also written to {@code <state>/config/} so the
 * same services can be run by hand with {@code baton <service> --config FILE}.
 *
 * @param instance suffix of the Streams application ids, unique per run on a shared broker
 * @param renewalFraction the issuer's renewal point as a fraction of the lifetime (the demo: 0.5;
 *     tests shorten it to see rotations sooner)
 */
public record DemoConfigs(DemoWorld world, KafkaSettings kafka, String instance, double renewalFraction) {
  /** Streams state goes to the state directory, not the OS temp directory. */
  private static final String STATE_DIR = KafkaSettings.PASSTHROUGH_PREFIX + "state.dir";

  public DemoConfigs {
    requireNonNull(world, "world must not be null");
    requireNonNull(kafka, "kafka must not be null");
    requireNonNull(instance, "instance must not be null");
  }

  /** The demo's configs: renewal at half-life. */
  public DemoConfigs(DemoWorld world, KafkaSettings kafka, String instance) {
    this(world, kafka, instance, 0.5);
  }

  /** Issuer: the demo lifetime, the renewal fraction with 10% jitter, a fast schedule tick. */
  public Map<String, String> issuer() {
    Map<String, String> c = common();
    c.put(IssuerConfig.INVENTORY_DIR, world.inventory().toString());
    c.put(IssuerConfig.ISSUER_ID, "demo-issuer-" + instance);
    c.put(IssuerConfig.LIFETIME, seconds(world.plan().lifetime()));
    c.put(IssuerConfig.RENEWAL_FRACTION, Double.toString(renewalFraction));
    c.put(IssuerConfig.JITTER_FRACTION, "0.1");
    c.put(IssuerConfig.DC_SCHEME, "ecdsa_secp256r1_sha256");
    c.put(IssuerConfig.TICK, "500ms");
    c.put(IssuerConfig.INVENTORY_RESCAN, "10s");
    return write("issuer", "issuer", c);
  }

  /** Distributor: deny certificates without a policy. */
  public Map<String, String> distributor() {
    Map<String, String> c = common();
    c.put(DistributorConfig.APPLICATION_ID, "baton-demo-distributor-" + instance);
    c.put(DistributorConfig.UNKNOWN_POLICY, "deny");
    c.put(STATE_DIR, world.root().resolve("streams").toString());
    return write("distributor", "distributor", c);
  }

  /** Monitor: at risk, like the edges' readiness, when less than a quarter of the lifetime is left. */
  public Map<String, String> monitor() {
    Map<String, String> c = common();
    c.put(MonitorConfig.APPLICATION_ID, "baton-demo-monitor-" + instance);
    c.put(MonitorConfig.HEADROOM_ALERT, seconds(world.plan().lifetime().dividedBy(4)));
    c.put(MonitorConfig.HEARTBEAT_INTERVAL, "10s");
    c.put(STATE_DIR, world.root().resolve("streams").toString());
    return write("monitor", "monitor", c);
  }

  /** One edge agent: its region key, key store, the demo CA as trust anchor, a free TLS port. */
  public Map<String, String> edge(Datacenter dc) {
    Map<String, String> c = common();
    c.put(EdgeAgentConfig.DATACENTER, dc.name());
    c.put(EdgeAgentConfig.REGION, dc.region());
    c.put(EdgeAgentConfig.REGION_KEY, world.regionPrivateKey(dc.region()).toString());
    c.put(EdgeAgentConfig.STORE_DIR, world.keyStore(dc).toString());
    c.put(EdgeAgentConfig.TRUST_ANCHORS, world.caCertificate().toString());
    c.put(EdgeAgentConfig.TLS_PORT, "0");
    // Not ready while the newest credential has less than a quarter of its lifetime left.
    c.put(EdgeAgentConfig.SAFETY_MARGIN, seconds(world.plan().lifetime().dividedBy(4)));
    c.put(EdgeAgentConfig.HEARTBEAT_INTERVAL, "10s");
    return write("edge-" + dc.name(), "edge-agent", c);
  }

  private Map<String, String> common() {
    Map<String, String> c = new TreeMap<>();
    c.put(KafkaSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    c.put(KafkaSettings.SCHEMA_REGISTRY_URL, kafka.schemaRegistryUrl());
    kafka.passthrough().forEach((k, v) -> c.put(KafkaSettings.PASSTHROUGH_PREFIX + k, v));
    c.put(ManagementSettings.HOST, "127.0.0.1");
    c.put(ManagementSettings.PORT, "0");
    return c;
  }

  private Map<String, String> write(String file, String command, Map<String, String> config) {
    Properties p = new Properties();
    p.putAll(config);
    StringWriter text = new StringWriter();
    try {
      p.store(text, "baton demo: run it alone with: baton " + command + " --config " + file + ".properties");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KeyFiles.writePublic(world.configDir().resolve(file + ".properties"), text.toString().getBytes(StandardCharsets.ISO_8859_1));
    return Map.copyOf(config);
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }
}
