package dev.baton.monitor;

import static java.util.Objects.requireNonNull;

import dev.baton.schemas.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The monitor's Kafka Streams topology.
 *
 * <pre>
 * baton.credentials.issued ─┐
 * baton.policy ─────────────┤
 *                           ├─► tracker (decode, apply to RolloutTracker, keep facts) ─► baton.dlq (poison)
 * baton.rollout.status ─────┘        │
 *                              monitor-facts store (persistent, changelogged)
 * </pre>
 *
 * <p>Why a processor feeding an in-process tracker rather than KTables: the views (coverage needs
 * every datacenter of a region, headroom every certificate of a datacenter) cut across any key, and
 * the API and metrics read them in process. The geo policy is read so that coverage counts only
 * what the distributor forwards (the issuer mints for every region). The tracker is rebuilt on start from the facts store,
 * which Streams restores from its changelog, so state survives restarts without re-reading topics.
 * Values are read as bytes and decoded in the processor, so a poison record is dead-lettered with
 * its original bytes and the reason, and processing goes on. Run one instance: each instance sees
 * only the partitions assigned to it.
 */
public final class MonitorTopology {

  /** The state store holding the facts the tracker is rebuilt from. */
  public static final String FACTS_STORE = "monitor-facts";
  static final String ISSUED_SOURCE = "issued-source";
  static final String STATUS_SOURCE = "status-source";
  static final String POLICY_SOURCE = "policy-source";
  static final String TRACKER = "tracker";
  static final String DLQ_SINK = "dlq-sink";

  private MonitorTopology() {}

  /**
   * Builds the topology.
   *
   * @param config the monitor's settings (registry settings decode the events)
   * @param tracker receives every accepted event; shared by all tasks, hence thread-safe
   * @param deadLetters told about every dead-lettered record
   */
  public static Topology build(MonitorConfig config, RolloutTracker tracker, DeadLetterListener deadLetters) {
    requireNonNull(config, "config must not be null");
    requireNonNull(tracker, "tracker must not be null");
    requireNonNull(deadLetters, "deadLetters must not be null");
    Topology topology = new Topology();
    topology.addSource(ISSUED_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        Topics.CREDENTIALS_ISSUED.name());
    topology.addSource(STATUS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        Topics.ROLLOUT_STATUS.name());
    topology.addSource(POLICY_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        Topics.POLICY.name());
    topology.addProcessor(TRACKER,
        () -> new TrackerProcessor(tracker, config.kafka().serdeProperties(), deadLetters),
        ISSUED_SOURCE, STATUS_SOURCE, POLICY_SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(FACTS_STORE), Serdes.String(), Serdes.ByteArray()), TRACKER);
    topology.addSink(DLQ_SINK, Topics.DLQ.name(), new ByteArraySerializer(), new ByteArraySerializer(), TRACKER);
    return topology;
  }
}
