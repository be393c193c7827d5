package dev.baton.cli.ops;

import dev.baton.avro.v1.GeoPolicy;
import dev.baton.cli.KafkaCommand;
import dev.baton.cli.kafka.CompactedTopicReader;
import dev.baton.cli.kafka.RecordPublisher;
import dev.baton.schemas.Topics;
import dev.baton.service.KafkaSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton policy set}: replaces a certificate's geo policy. The version is the previous one
 * (read back from the compacted topic) plus one, so every change is numbered for audit.
 */
@Command(name = "set", mixinStandardHelpOptions = true,
    description = "Set the regions allowed to hold a certificate's credentials (replaces the previous list).")
public final class PolicySetCommand extends KafkaCommand {
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  @Option(names = "--certificate", required = true, paramLabel = "ID", description = "Certificate id (as in the issuer's inventory).")
  String certificateId;

  @Option(names = "--regions", required = true, paramLabel = "R1,R2",
      description = "Comma-separated regions, e.g. eu,us; an empty value (--regions=) allows none.")
  String regions;

  @Override
  protected int run(KafkaSettings settings, PrintWriter out) {
    Policies.requireValidCertificateId(certificateId);
    List<String> allowed = Policies.parseRegions(regions);
    GeoPolicy previous = CompactedTopicReader.readAll(settings, Topics.POLICY, READ_TIMEOUT).get(certificateId);
    GeoPolicy next = Policies.next(previous, certificateId, allowed, Instant.now());
    try (RecordPublisher<GeoPolicy> publisher = RecordPublisher.open(settings, Topics.POLICY)) {
      publisher.publish(certificateId, next);
    }
    out.printf("policy %s v%d: %s%s%n", certificateId, next.getVersion(), Policies.describeRegions(next),
        previous == null ? "" : " (was v" + previous.getVersion() + ": " + Policies.describeRegions(previous) + ")");
    return 0;
  }
}
