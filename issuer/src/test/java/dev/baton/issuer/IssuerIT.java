package dev.baton.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.IssueRequest;
import dev.baton.avro.v1.RegionKey;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.embedded.EmbeddedKafka;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Topics;
import dev.baton.service.TopicCreator;
import dev.baton.service.ConfigSource;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedStackExtension.class)
class IssuerIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private final Clock clock = Clock.systemUTC();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, RegionKeyPair> regionKeys = new HashMap<>();

  @TempDir
  Path inventory;

  private List<String> regions() {
    return List.of("eu-" + run, "us-" + run, "ap-" + run);
  }

  private IssuerConfig config(String bootstrap, String registry) {
    return IssuerConfig.from(ConfigSource.of(Map.of(
        "bootstrap.servers", bootstrap,
        "schema.registry.url", registry,
        "issuer.inventory.dir", inventory.toString(),
        "issuer.id", "it-" + run,
        "management.port", "0",
        "issuer.schedule.tick", "200ms",
        "issuer.inventory.rescan", "300ms",
        "issuer.backoff.initial", "200ms",
        "issuer.backoff.max", "2s")));
  }

  @Test
  void mintsEveryPair_eachVerifiesAndOpensOnlyInItsRegion_issueNowReissues_andRestartMintsNothing(EmbeddedStack stack)
      throws Exception {
    String bootstrap = stack.bootstrapServers();
    String registry = stack.schemaRegistryUrl();
    Set<String> certs = Set.of("www-" + run, "api-" + run);
    for (String c : certs) {
      TestCertificates.writePem(inventory, c, TestCertificates.make(c, clock, Duration.ofDays(30)));
    }
    createTopics(bootstrap);
    publishPoison(bootstrap, registry);
    publishRegions(bootstrap, registry);
    IssuerConfig config = config(bootstrap, registry);

    Map<PairKey, IssuedCredential> first;
    try (Issuer issuer = new Issuer(config).start()) {
      assertThat(issuer.awaitReady(WAIT)).as("ready: %s", issuer.readiness()).isTrue();
      awaitPairs(issuer, certs, 6);
      first = ours(issuer.newestCredentials(), certs);

      List<CredentialIssued> events = readIssued(bootstrap, registry, certs);
      assertThat(events).hasSize(6);
      assertThat(events.stream().map(e -> e.getCertificateId() + "/" + e.getRegion()).collect(Collectors.toSet()))
          .hasSize(6);
      events.forEach(e -> EventChecks.assertGood(e, regionKeys, clock));
      assertManagement(issuer.managementPort());
      assertThat(poisonCount(issuer, Topics.REGIONS.name())).as("garbage and a forged key id").isEqualTo(2.0);
      assertThat(poisonCount(issuer, Topics.CREDENTIALS_ISSUED.name())).isEqualTo(1.0);
      assertThat(poisonCount(issuer, Topics.ISSUE_REQUESTS.name())).isEqualTo(1.0);

      // baton issue-now --certificate www-<run> --region eu-<run>
      PairKey www = new PairKey("www-" + run, "eu-" + run);
      requestIssue(bootstrap, registry, www);
      await(() -> !issuer.newestCredentials().get(www).serial().equals(first.get(www).serial()), "re-issue of " + www);
    }
    List<CredentialIssued> beforeRestart = readIssued(bootstrap, registry, certs);
    assertThat(beforeRestart).hasSize(7);

    try (Issuer restarted = new Issuer(config).start()) {
      assertThat(restarted.awaitReady(WAIT)).isTrue();
      Thread.sleep(2_000); // ten ticks: time to mint, if it (wrongly) wanted to
      assertThat(ours(restarted.newestCredentials(), certs)).hasSize(6);
      assertThat(restarted.meterRegistry().find("baton.issuer.credentials.minted").counters())
          .extracting(Counter::count).allMatch(c -> c == 0.0);
    }
    assertThat(readIssued(bootstrap, registry, certs)).hasSize(7);
  }

  @Test
  void brokerStoppedAndRestartedWhileMinting_losesNothing(EmbeddedStack stack) throws Exception {
    String registry = stack.schemaRegistryUrl();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      String bootstrap = kafka.bootstrapServers();
      Set<String> certs = Set.of("a-" + run, "b-" + run, "c-" + run);
      TestCertificates.writePem(inventory, "a-" + run, TestCertificates.make("a", clock, Duration.ofDays(30)));
      TestCertificates.writePem(inventory, "b-" + run, TestCertificates.make("b", clock, Duration.ofDays(30)));
      createTopics(bootstrap);
      publishRegions(bootstrap, registry);

      try (Issuer issuer = new Issuer(config(bootstrap, registry)).start()) {
        assertThat(issuer.awaitReady(WAIT)).isTrue();
        awaitPairs(issuer, certs, 6);

        kafka.stopBroker();
        TestCertificates.writePem(inventory, "c-" + run, TestCertificates.make("c", clock, Duration.ofDays(30)));
        await(() -> gauge(issuer, "baton.issuer.credentials.in.flight") > 0
            || issuer.meterRegistry().find("baton.issuer.mint.failures").counters().stream()
                .mapToDouble(Counter::count).sum() > 0, "an attempt to mint c while the broker is down");
        kafka.restartBroker();

        awaitPairs(issuer, certs, 9);
        Map<PairKey, IssuedCredential> acked = ours(issuer.newestCredentials(), certs);
        List<CredentialIssued> events = readIssued(bootstrap, registry, certs);
        Set<String> serials = events.stream().map(CredentialIssued::getSerial).collect(Collectors.toSet());
        assertThat(serials).containsAll(acked.values().stream().map(IssuedCredential::serial).toList());
        events.forEach(e -> EventChecks.assertGood(e, regionKeys, clock));
      }
    }
  }

  private void createTopics(String bootstrap) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      TopicCreator.ensure(admin, Stream.of(Topics.CREDENTIALS_ISSUED, Topics.REGIONS, Topics.ISSUE_REQUESTS)
          .map(t -> t.newTopic((short) 1)).toList(), Duration.ofSeconds(30));
    }
  }

  /** Records every consumer of the issuer must survive: bytes that do not decode, a forged region key. */
  private void publishPoison(String bootstrap, String registry) throws Exception {
    byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
        new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (String topic : List.of(Topics.REGIONS.name(), Topics.CREDENTIALS_ISSUED.name(), Topics.ISSUE_REQUESTS.name())) {
        producer.send(new ProducerRecord<>(topic, ("poison-" + run).getBytes(StandardCharsets.UTF_8),
            garbage)).get();
      }
    }
    Map<String, Object> serde = Map.of("schema.registry.url", registry);
    try (KafkaProducer<String, RegionKey> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
        Topics.REGIONS.keySerde(serde).serializer(), Topics.REGIONS.valueSerde(serde).serializer())) {
      RegionKeyPair key = RegionKeyPair.generate();
      String region = "forged-" + run;
      producer.send(new ProducerRecord<>(Topics.REGIONS.name(), region, RegionKey.newBuilder().setRegion(region)
          .setKeyId("00112233445566778899aabbccddeeff").setKemId(key.publicKey().kemId())
          .setPublicKey(ByteBuffer.wrap(key.publicKey().raw())).setCreatedAt(Instant.now()).build())).get();
    }
  }

  private static double poisonCount(Issuer issuer, String topic) {
    Counter c = issuer.meterRegistry().find("baton.issuer.poison.records").tag("topic", topic).counter();
    return c == null ? 0 : c.count();
  }

  private void publishRegions(String bootstrap, String registry) throws Exception {
    Map<String, Object> serde = Map.of("schema.registry.url", registry);
    try (KafkaProducer<String, RegionKey> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
        Topics.REGIONS.keySerde(serde).serializer(), Topics.REGIONS.valueSerde(serde).serializer())) {
      for (String region : regions()) {
        RegionKeyPair key = RegionKeyPair.generate();
        regionKeys.put(region, key);
        RegionKey value = RegionKey.newBuilder().setRegion(region).setKeyId(key.publicKey().keyId())
            .setKemId(key.publicKey().kemId()).setPublicKey(ByteBuffer.wrap(key.publicKey().raw()))
            .setCreatedAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(Topics.REGIONS.name(), region, value)).get();
      }
    }
  }

  private static void requestIssue(String bootstrap, String registry, PairKey pair) throws Exception {
    Map<String, Object> serde = Map.of("schema.registry.url", registry);
    try (KafkaProducer<String, IssueRequest> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
        Topics.ISSUE_REQUESTS.keySerde(serde).serializer(), Topics.ISSUE_REQUESTS.valueSerde(serde).serializer())) {
      IssueRequest req = IssueRequest.newBuilder().setCertificateId(pair.certificateId()).setRegion(pair.region())
          .setRequestedAt(Instant.now()).setRequestedBy("IssuerIT").setReason("test").build();
      producer.send(new ProducerRecord<>(Topics.ISSUE_REQUESTS.name(), pair.certificateId(), req)).get();
    }
  }

  /** Every event of this run's certificates and regions, from the beginning (skipping the test's own poison). */
  private List<CredentialIssued> readIssued(String bootstrap, String registry, Set<String> certs) {
    Deserializer<CredentialIssued> values =
        Topics.CREDENTIALS_ISSUED.valueSerde(Map.of("schema.registry.url", registry)).deserializer();
    List<CredentialIssued> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = consumer.partitionsFor(Topics.CREDENTIALS_ISSUED.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.key().startsWith("poison-")) {
            return;
          }
          CredentialIssued e = values.deserialize(r.topic(), r.headers(), r.value());
          assertThat(r.key()).isEqualTo(Topics.credentialKey(e.getCertificateId(), e.getRegion()));
          if (certs.contains(e.getCertificateId()) && regions().contains(e.getRegion())) {
            out.add(e);
          }
        });
      }
    }
    return out;
  }

  private Map<PairKey, IssuedCredential> ours(Map<PairKey, IssuedCredential> all, Set<String> certs) {
    Map<PairKey, IssuedCredential> out = new HashMap<>();
    all.forEach((k, v) -> {
      if (certs.contains(k.certificateId()) && regions().contains(k.region())) {
        out.put(k, v);
      }
    });
    return out;
  }

  private void awaitPairs(Issuer issuer, Set<String> certs, int n) throws InterruptedException {
    await(() -> ours(issuer.newestCredentials(), certs).size() >= n, n + " pairs minted");
  }

  private static double gauge(Issuer issuer, String name) {
    return issuer.meterRegistry().get(name).gauge().value();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private void assertManagement(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics)
        .contains("baton_issuer_credentials_minted_total{reason=\"NO_CREDENTIAL\",region=\"eu-" + run + "\"} 2.0")
        .contains("baton_issuer_certificate_expiry_time_seconds{certificate=\"www-" + run + "\"}")
        .contains("baton_issuer_next_mint_time_seconds{certificate=\"api-" + run + "\",region=\"us-" + run + "\"}")
        .contains("baton_issuer_last_mint_time_seconds");
    assertThat(metrics.toLowerCase(Locale.ROOT)).doesNotContain("private");
  }
}
