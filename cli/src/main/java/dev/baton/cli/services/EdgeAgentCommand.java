package dev.baton.cli.services;

import dev.baton.edge.EdgeAgent;
import dev.baton.edge.EdgeAgentConfig;
import dev.baton.service.ConfigException;
import dev.baton.service.ConfigSource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton edge-agent --config FILE}: runs one edge agent until the process is stopped. */
@Command(name = "edge-agent", mixinStandardHelpOptions = true,
    description = {
      "Runs an edge agent: consumes its region's credentials, verifies, unseals and installs them,",
      "serves TLS 1.3 with them, and reports to baton.rollout.status.",
      "Settings: edge.datacenter, edge.region, edge.region.key, edge.store.dir, edge.trust.anchors,",
      "edge.tls.port, management.port, edge.safety.margin, edge.heartbeat.interval, bootstrap.servers,",
      "schema.registry.url, kafka.* (each overridable by BATON_<KEY> in the environment)."})
public final class EdgeAgentCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file (optional when the environment sets everything).")
  Path config;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    EdgeAgentConfig settings;
    try {
      settings = EdgeAgentConfig.from(ConfigSource.load(config, System.getenv(), EdgeAgentConfig.KNOWN_KEYS));
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("invalid configuration: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    EdgeAgent agent;
    try {
      agent = EdgeAgent.start(settings);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("invalid configuration: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "edge-agent-shutdown"));
    spec.commandLine().getOut().printf("edge agent %s (region %s): TLS on port %d, management on port %d%n",
        settings.datacenter(), settings.region(), agent.tlsPort(), agent.managementPort());
    spec.commandLine().getOut().flush();
    stopped.await();
    return CommandLine.ExitCode.OK;
  }
}
