package dev.baton.cli.services;

import dev.baton.distributor.Distributor;
import dev.baton.distributor.DistributorConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code baton distributor [--config FILE]}: runs the distributor until the process is stopped. */
@Command(name = "distributor", mixinStandardHelpOptions = true,
    description = {"Runs the distributor: routes the newest credential of each (certificate, region) to the regions "
        + "its geo policy allows, tombstones dropped regions, dead-letters bad input (Kafka Streams, exactly_once_v2).",
        "Keys: bootstrap.servers, schema.registry.url, management.host,",
        "  management.port (default " + DistributorConfig.DEFAULT_MANAGEMENT_PORT + "), distributor.application.id,",
        "  distributor.unknown.policy (deny|all), distributor.partitions,",
        "  distributor.region.topic.partitions, distributor.topics.replication.factor, kafka.*.",
        "Management: /healthy /ready /metrics."})
public final class DistributorCommand extends ServiceCommand<DistributorConfig, Distributor> {

  @Override
  protected DistributorConfig load(Path file, Map<String, String> env) {
    return DistributorConfig.load(file, env);
  }

  @Override
  protected Distributor start(DistributorConfig config) {
    Distributor distributor = new Distributor(config);
    try {
      return distributor.start();
    } catch (RuntimeException e) {
      distributor.close();
      throw e;
    }
  }

  @Override
  protected String banner(DistributorConfig config, Distributor running) {
    return "distributor running; management on " + config.management().host() + ":" + running.managementPort();
  }
}
