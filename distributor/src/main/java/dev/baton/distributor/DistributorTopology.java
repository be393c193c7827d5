package dev.baton.distributor;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The distributor's topology, a pure function of its configuration.
 *
 * <pre>
 * baton.credentials.issued ─ intake (check, key by certificate) ─ repartition ─┐
 *                                                                            ├─ routing ─ baton.region.&lt;r&gt; | baton.dlq
 * baton.policy ───────────── intake (check) ──────────────────── repartition ─┘   (stores: newest credentials, policies)
 * </pre>
 *
 * <p>Both inputs are repartitioned into internal topics of the same, configured partition count so
 * one task sees every credential and the policy of a certificate, whatever the partition counts
 * of the input topics are. The DSL does the repartitioning; the routing itself uses the processor
 * API (see {@link Routing} for why). Malformed input is dead-lettered by {@link DeadLetterHandlers}.
 */
public final class DistributorTopology {

  private DistributorTopology() {}

  /**
   * What the topology uses at run time besides its configuration.
   *
   * @param clock decides whether a credential expired at routing time
   * @param regionTopics creates a region topic before its first record
   * @param metrics counts routed records, tombstones and dead letters
   */
  public record Dependencies(Clock clock, RegionTopics regionTopics, DistributorMetrics metrics) {
    public Dependencies {
      requireNonNull(clock, "clock must not be null");
      requireNonNull(regionTopics, "regionTopics must not be null");
      requireNonNull(metrics, "metrics must not be null");
    }

    /** The system clock, topics assumed to exist, in-memory metrics. */
    public static Dependencies defaults() {
      return new Dependencies(Clock.systemUTC(), RegionTopics.assumeExisting(), DistributorMetrics.inMemory());
    }
  }

  /** The topology with {@link Dependencies#defaults()} (region topics must exist). */
  public static Topology build(DistributorConfig config) {
    return build(config, Dependencies.defaults());
  }

  /** The topology. */
  public static Topology build(DistributorConfig config, Dependencies dependencies) {
    requireNonNull(config, "config must not be null");
    requireNonNull(dependencies, "dependencies must not be null");
    Map<String, Object> serde = config.kafka().serdeProperties();
    Serde<String> keys = Serdes.String();
    Serde<CredentialIssued> credentialValues = Topics.CREDENTIALS_ISSUED.valueSerde(serde);
    Serde<GeoPolicy> policyValues = Topics.POLICY.valueSerde(serde);
    Routing.Settings settings =
        new Routing.Settings(dependencies.clock(), config.unknownPolicy(), dependencies.metrics());

    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(Routing.CREDENTIALS_STORE), keys, credentialValues));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(Routing.POLICIES_STORE), keys, policyValues));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(Routing.SETTINGS_STORE), keys, Serdes.String()));

    KStream<String, CredentialIssued> credentials = builder
        .stream(Topics.CREDENTIALS_ISSUED.name(),
            Consumed.with(Topics.CREDENTIALS_ISSUED.keySerde(serde), credentialValues).withName("credentials-issued"))
        .process(Intake.Credentials::new, Named.as("credential-intake"))
        .repartition(Repartitioned.with(keys, credentialValues)
            .withName("credentials-by-certificate").withNumberOfPartitions(config.partitions()));
    KStream<String, GeoPolicy> policies = builder
        .stream(Topics.POLICY.name(), Consumed.with(Topics.POLICY.keySerde(serde), policyValues).withName("policies"))
        .process(Intake.Policies::new, Named.as("policy-intake"))
        .repartition(Repartitioned.with(keys, policyValues)
            .withName("policies-by-certificate").withNumberOfPartitions(config.partitions()));

    KStream<String, Outbound> fromCredentials = credentials.process(() -> new Routing.OnCredential(settings),
        Named.as("route-credentials"), Routing.CREDENTIALS_STORE, Routing.POLICIES_STORE, Routing.SETTINGS_STORE);
    KStream<String, Outbound> fromPolicies = policies.process(() -> new Routing.OnPolicy(settings),
        Named.as("route-policies"), Routing.CREDENTIALS_STORE, Routing.POLICIES_STORE, Routing.SETTINGS_STORE);
    fromCredentials.merge(fromPolicies, Named.as("outbound"))
        .to(OutboundSerde.topics(dependencies.regionTopics()),
            Produced.with(keys, OutboundSerde.serde(credentialValues.serializer())).withName("outbound-sink"));
    return builder.build();
  }
}
