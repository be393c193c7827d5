package dev.baton.cli.issuer;

import dev.baton.avro.v1.IssueRequest;
import dev.baton.cli.KafkaCommand;
import dev.baton.cli.kafka.RecordPublisher;
import dev.baton.issuer.inventory.InventoryScanner;
import dev.baton.schemas.Topics;
import dev.baton.service.KafkaSettings;
import java.io.PrintWriter;
import java.time.Instant;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton issue-now}: asks every issuer holding the certificate to mint a fresh credential at
 * once (e.g. after a suspected compromise), through {@code baton.issuer.requests}.
 */
@Command(name = "issue-now", mixinStandardHelpOptions = true,
    description = "Asks the issuer(s) holding a certificate to mint fresh credentials now, for one region or all.")
public final class IssueNowCommand extends KafkaCommand {

  String certificate;
  String region;

  @Option(names = "--reason", description = "Why, for the issuer's log (e.g. 'suspected key compromise in fra1').")
  String reason;

  @Option(names = "--requested-by", description = "Who asks (default: the user name).")
  String requestedBy = System.getProperty("user.name", "operator");

  // Setters, so a bad id is a usage error at parse time, before any Kafka setting is looked at.
  @Option(names = "--certificate", required = true, paramLabel = "ID", description = "Certificate id (inventory directory name).")
  void certificate(String id) {
    if (!InventoryScanner.isSafeId(id)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--certificate '" + id + "' is not a certificate id (1-64 of [a-z0-9._-])");
    }
    this.certificate = id;
  }

  @Option(names = "--region", paramLabel = "REGION", description = "Only this region (default: every region).")
  void region(String name) {
    try {
      this.region = Topics.requireValidRegion(name);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--region: " + e.getMessage());
    }
  }

  @Override
  protected int run(KafkaSettings settings, PrintWriter out) {
    IssueRequest request = IssueRequest.newBuilder().setCertificateId(certificate).setRegion(region)
        .setRequestedAt(Instant.now()).setRequestedBy(requestedBy).setReason(reason).build();
    RecordMetadata md;
    try (RecordPublisher<IssueRequest> publisher = RecordPublisher.open(settings, Topics.ISSUE_REQUESTS)) {
      md = publisher.publish(certificate, request);
    }
    out.printf("issue request for %s (%s) sent to %s-%d@%d%n", certificate,
        region == null ? "every region" : "region " + region, md.topic(), md.partition(), md.offset());
    return 0;
  }
}
