package dev.baton.cli.services;

import dev.baton.monitor.Monitor;
import dev.baton.monitor.MonitorConfig;
import dev.baton.monitor.MonitorException;
import dev.baton.service.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baton monitor --config FILE}: runs the monitor until interrupted. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = {"Runs the monitor: rollout lag, expiry headroom and coverage from issue and status events.",
        "Management: /healthy /ready /metrics /datacenters /rollouts /regions (default port "
            + MonitorConfig.DEFAULT_MANAGEMENT_PORT + ")."})
public final class MonitorCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "Properties file (keys: bootstrap.servers, schema.registry.url, application.id, management.port, "
          + "monitor.headroom.alert, monitor.heartbeat.interval, monitor.heartbeat.missed, kafka.*); "
          + "BATON_<KEY> environment variables override it.")
  Path config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    MonitorConfig cfg;
    try {
      cfg = MonitorConfig.load(config, System.getenv());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("baton monitor: bad configuration: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Monitor monitor = new Monitor(cfg);
    Thread hook = new Thread(() -> {
      monitor.close();
      stopped.countDown();
    }, "monitor-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      monitor.start();
    } catch (MonitorException e) {
      spec.commandLine().getErr().println("baton monitor: " + e.getMessage());
      monitor.close();
      return 1;
    }
    spec.commandLine().getOut().println(
        "monitor running; management on " + cfg.management().host() + ":" + monitor.managementPort());
    stopped.await();
    return 0;
  }
}
