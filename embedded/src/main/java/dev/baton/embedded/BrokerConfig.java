package dev.baton.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/** The broker settings of {@link EmbeddedKafka}: a small single node that behaves like a cluster. */
final class BrokerConfig {
  static final String NODE_ID = "1";

  private BrokerConfig() {}

  /**
   * Default settings for a combined node in {@code dir}; {@code ports} and {@code protocols} are
   * keyed by listener name and include {@code PLAINTEXT} (clients) and {@code CONTROLLER}.
   */
  static Map<String, String> defaults(
      Path dir, Map<String, Integer> ports, Map<String, SecurityProtocol> protocols) {
    Map<String, String> p = new TreeMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", NODE_ID);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + ports.get("CONTROLLER"));
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listeners", join(ports, name -> true));
    p.put("advertised.listeners", join(ports, name -> !name.equals("CONTROLLER")));
    p.put(
        "listener.security.protocol.map",
        protocols.entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue().name)
            .collect(Collectors.joining(",")));
    p.put("log.dirs", dir.resolve("data").toString());
    p.put("metadata.log.dir", dir.resolve("metadata").toString());

    // One node: every internal topic must be satisfiable with one replica, otherwise consumer
    // groups and transactions (Streams exactly_once_v2) wait forever with only broker warnings.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    // Tests join groups one consumer at a time; the 3 s default only slows them down.
    p.put("group.initial.rebalance.delay.ms", "0");
    // The default allocates 128 MiB of heap per node for compaction; tests need little.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    // Two cores shared by many test JVMs: fewer threads, less contention.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("background.threads", "2");
    p.put("log.cleaner.threads", "1");
    return p;
  }

  private static String join(
      Map<String, Integer> ports, Predicate<String> include) {
    return ports.entrySet().stream()
        .filter(e -> include.test(e.getKey()))
        .map(e -> e.getKey() + "://127.0.0.1:" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
