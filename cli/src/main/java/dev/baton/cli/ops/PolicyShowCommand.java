package dev.baton.cli.ops;

import dev.baton.avro.v1.GeoPolicy;
import dev.baton.cli.KafkaCommand;
import dev.baton.cli.kafka.CompactedTopicReader;
import dev.baton.schemas.Topics;
import dev.baton.service.KafkaSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton policy show}: the current geo policies, as a table or JSON. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show the current geo policy of every certificate (or one).")
public final class PolicyShowCommand extends KafkaCommand {

  @Option(names = "--certificate", paramLabel = "ID", description = "Show only this certificate.")
  String certificateId;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  protected int run(KafkaSettings settings, PrintWriter out) {
    Map<String, GeoPolicy> all = CompactedTopicReader.readAll(settings, Topics.POLICY, PolicySetCommand.READ_TIMEOUT);
    List<GeoPolicy> shown = new ArrayList<>();
    if (certificateId == null) {
      shown.addAll(all.values());
    } else if (all.containsKey(certificateId)) {
      shown.add(all.get(certificateId));
    } else {
      spec.commandLine().getErr().println("no policy for certificate '" + certificateId
          + "': the distributor's default applies (deny unless configured otherwise)");
      return 1;
    }
    out.print(json ? PolicyFormat.json(shown) : PolicyFormat.table(shown));
    return 0;
  }
}
