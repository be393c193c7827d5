package dev.baton.cli.services;

import dev.baton.monitor.Monitor;
import dev.baton.monitor.MonitorConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code baton monitor [--config FILE]}: runs the monitor until the process is stopped. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = {"Runs the monitor: rollout lag, expiry headroom and coverage from issue and status events.",
        "Keys: bootstrap.servers, schema.registry.url, application.id, management.host, management.port, "
        + "monitor.headroom.alert, monitor.heartbeat.interval, monitor.heartbeat.missed, monitor.forget.after, kafka.*.",
        "Management: /healthy /ready /metrics /datacenters /rollouts /regions (default port "
            + MonitorConfig.DEFAULT_MANAGEMENT_PORT + ")."})
public final class MonitorCommand extends ServiceCommand<MonitorConfig, Monitor> {

  @Override
  protected MonitorConfig load(Path file, Map<String, String> env) {
    return MonitorConfig.load(file, env);
  }

  @Override
  protected Monitor start(MonitorConfig config) {
    Monitor monitor = new Monitor(config);
    try {
      return monitor.start();
    } catch (RuntimeException e) {
      monitor.close();
      throw e;
    }
  }

  @Override
  protected String banner(MonitorConfig config, Monitor running) {
    return "monitor running; management on " + config.management().host() + ":" + running.managementPort();
  }
}
