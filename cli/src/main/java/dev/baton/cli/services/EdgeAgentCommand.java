package dev.baton.cli.services;

import dev.baton.edge.EdgeAgent;
import dev.baton.edge.EdgeAgentConfig;
import dev.baton.service.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code baton edge-agent [--config FILE]}: runs one edge agent until the process is stopped. */
@Command(name = "edge-agent", mixinStandardHelpOptions = true,
    description = {
      "Runs an edge agent: consumes its region's credentials, verifies, unseals and installs them,",
      "serves TLS 1.3 with them, and reports to baton.rollout.status.",
      "Keys: edge.datacenter, edge.region, edge.region.key, edge.store.dir, edge.trust.anchors,",
      "edge.tls.host, edge.tls.port, management.host, management.port, edge.safety.margin,",
      "edge.heartbeat.interval, bootstrap.servers, schema.registry.url, kafka.*."})
public final class EdgeAgentCommand extends ServiceCommand<EdgeAgentConfig, EdgeAgent> {

  @Override
  protected EdgeAgentConfig load(Path file, Map<String, String> env) {
    return EdgeAgentConfig.from(ConfigSource.load(file, env, EdgeAgentConfig.KNOWN_KEYS));
  }

  @Override
  protected EdgeAgent start(EdgeAgentConfig config) {
    return EdgeAgent.start(config);
  }

  @Override
  protected String banner(EdgeAgentConfig config, EdgeAgent running) {
    return "edge agent " + config.datacenter() + " (region " + config.region() + "): TLS on port "
        + running.tlsPort() + ", management on port " + running.managementPort();
  }
}
