package dev.baton.cli.services;

import dev.baton.distributor.Distributor;
import dev.baton.distributor.DistributorConfig;
import dev.baton.distributor.DistributorException;
import dev.baton.service.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baton distributor [--config FILE]}: runs the distributor until interrupted. */
@Command(name = "distributor", mixinStandardHelpOptions = true,
    description = {"Runs the distributor: routes the newest credential of each (certificate, region) to the regions "
        + "its geo policy allows, tombstones dropped regions, dead-letters bad input (Kafka Streams, exactly_once_v2).",
        "Management: /healthy /ready /metrics (default port " + DistributorConfig.DEFAULT_MANAGEMENT_PORT + ")."})
public final class DistributorCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file, optional when the environment sets everything (keys: bootstrap.servers, schema.registry.url, management.host, management.port, "
          + "distributor.application.id, distributor.unknown.policy=deny|all, distributor.partitions, "
          + "distributor.region.topic.partitions, distributor.topics.replication.factor, kafka.*); "
          + "BATON_<KEY> environment variables override it.")
  Path config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    DistributorConfig cfg;
    try {
      cfg = DistributorConfig.load(config, System.getenv());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("baton distributor: bad configuration: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Distributor distributor = new Distributor(cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      distributor.close();
      stopped.countDown();
    }, "distributor-shutdown"));
    try {
      distributor.start();
    } catch (DistributorException e) {
      spec.commandLine().getErr().println("baton distributor: " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().println("distributor running; management on " + cfg.management().host() + ":"
        + distributor.managementPort());
    stopped.await();
    return 0;
  }
}
