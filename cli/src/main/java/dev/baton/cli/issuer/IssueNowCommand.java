package dev.baton.cli.issuer;

import dev.baton.avro.v1.IssueRequest;
import dev.baton.issuer.inventory.InventoryScanner;
import dev.baton.schemas.Topics;
import dev.baton.service.ConfigException;
import dev.baton.service.ConfigSource;
import dev.baton.service.KafkaSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton issue-now}: asks every issuer holding the certificate to mint a fresh credential at
 * once (e.g. after a suspected compromise), through {@code baton.issuer.requests}.
 */
@Command(name = "issue-now", mixinStandardHelpOptions = true,
    description = {"Asks the issuer(s) holding a certificate to mint fresh credentials now, for one region or all.",
        "Kafka settings: --config FILE and/or BATON_BOOTSTRAP_SERVERS, BATON_SCHEMA_REGISTRY_URL, BATON_KAFKA_*."})
public final class IssueNowCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--certificate", required = true, paramLabel = "ID", description = "Certificate id (inventory directory name).")
  String certificate;

  @Option(names = "--region", paramLabel = "REGION", description = "Only this region (default: every region).")
  String region;

  @Option(names = "--reason", description = "Why, for the issuer's log (e.g. 'suspected key compromise in fra1').")
  String reason;

  @Option(names = "--requested-by", description = "Who asks (default: the user name).")
  String requestedBy = System.getProperty("user.name", "operator");

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with bootstrap.servers, schema.registry.url, kafka.*.")
  Path config;

  @Option(names = "--bootstrap-servers", description = "Overrides bootstrap.servers.")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", description = "Overrides schema.registry.url.")
  String schemaRegistryUrl;

  @Override
  public Integer call() throws InterruptedException {
    if (!InventoryScanner.isSafeId(certificate)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--certificate '" + certificate + "' is not a certificate id (1-64 of [a-z0-9._-])");
    }
    try {
      if (region != null) {
        Topics.requireValidRegion(region);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--region: " + e.getMessage());
    }
    KafkaSettings kafka;
    try {
      kafka = kafkaSettings();
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    IssueRequest request = IssueRequest.newBuilder().setCertificateId(certificate).setRegion(region)
        .setRequestedAt(Instant.now()).setRequestedBy(requestedBy).setReason(reason).build();
    return send(kafka, request);
  }

  private KafkaSettings kafkaSettings() {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (bootstrapServers != null) {
      env.put(ConfigSource.envName(KafkaSettings.BOOTSTRAP_SERVERS), bootstrapServers);
    }
    if (schemaRegistryUrl != null) {
      env.put(ConfigSource.envName(KafkaSettings.SCHEMA_REGISTRY_URL), schemaRegistryUrl);
    }
    return KafkaSettings.from(ConfigSource.load(config, env,
        List.of(KafkaSettings.BOOTSTRAP_SERVERS, KafkaSettings.SCHEMA_REGISTRY_URL)));
  }

  private int send(KafkaSettings kafka, IssueRequest request) throws InterruptedException {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000); // >= linger.ms + request.timeout.ms
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    Map<String, Object> serde = kafka.serdeProperties();
    try (KafkaProducer<String, IssueRequest> producer = new KafkaProducer<>(props,
        Topics.ISSUE_REQUESTS.keySerde(serde).serializer(), Topics.ISSUE_REQUESTS.valueSerde(serde).serializer())) {
      RecordMetadata md = producer.send(new ProducerRecord<>(Topics.ISSUE_REQUESTS.name(), certificate, request))
          .get(60, TimeUnit.SECONDS);
      spec.commandLine().getOut().printf("issue request for %s (%s) sent to %s-%d@%d%n", certificate,
          region == null ? "every region" : "region " + region, md.topic(), md.partition(), md.offset());
      return CommandLine.ExitCode.OK;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      StringBuilder why = new StringBuilder();
      for (Throwable t = e instanceof ExecutionException ? e.getCause() : e; t != null; t = t.getCause()) {
        why.append(why.length() == 0 ? "" : ": ").append(t.getMessage() != null ? t.getMessage() : t.toString());
      }
      spec.commandLine().getErr().println("error: the issue request was not sent: " + why);
      return 1;
    }
  }
}
