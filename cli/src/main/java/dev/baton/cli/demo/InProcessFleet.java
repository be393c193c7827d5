package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.distributor.Distributor;
import dev.baton.distributor.DistributorConfig;
import dev.baton.edge.EdgeAgent;
import dev.baton.edge.EdgeAgentConfig;
import dev.baton.issuer.Issuer;
import dev.baton.issuer.IssuerConfig;
import dev.baton.monitor.Monitor;
import dev.baton.monitor.MonitorConfig;
import dev.baton.service.ConfigSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real services in this process, each started from the configuration a user would give it:
 * distributor and monitor first (they create their topics and start following), then one edge agent
 * per datacenter, then the issuer. {@link #close()} stops them in reverse order and frees every port.
 */
public final class InProcessFleet implements Fleet {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessFleet.class);

  private final DemoWorld world;
  private final DemoConfigs configs;
  private final Map<String, EdgeAgent> edges = new ConcurrentHashMap<>();
  private Distributor distributor;
  private Monitor monitor;
  private Issuer issuer;

  /** A fleet for the world; nothing runs before {@link #start()}. */
  public InProcessFleet(DemoWorld world, DemoConfigs configs) {
    this.world = requireNonNull(world, "world must not be null");
    this.configs = requireNonNull(configs, "configs must not be null");
  }

  @Override
  public synchronized void start() {
    distributor = new Distributor(DistributorConfig.from(ConfigSource.of(configs.distributor()))).start();
    monitor = new Monitor(MonitorConfig.from(ConfigSource.of(configs.monitor()))).start();
    for (Datacenter dc : world.plan().datacenters()) {
      startEdge(dc);
    }
    issuer = new Issuer(IssuerConfig.from(ConfigSource.of(configs.issuer()))).start();
  }

  @Override
  public int tlsPort(Datacenter datacenter) {
    EdgeAgent agent = edges.get(datacenter.name());
    return agent == null ? 0 : agent.tlsPort();
  }

  @Override
  public synchronized int monitorPort() {
    return monitor == null ? 0 : monitor.managementPort();
  }

  @Override
  public void stopEdge(Datacenter datacenter) {
    EdgeAgent agent = edges.remove(datacenter.name());
    if (agent != null) {
      agent.close();
    }
  }

  @Override
  public void startEdge(Datacenter datacenter) {
    edges.computeIfAbsent(datacenter.name(),
        name -> EdgeAgent.start(EdgeAgentConfig.from(ConfigSource.of(configs.edge(datacenter)))));
  }

  @Override
  public synchronized void close() {
    List<RuntimeException> failures = new ArrayList<>();
    closeQuietly(issuer, "issuer", failures);
    issuer = null;
    for (String name : List.copyOf(edges.keySet())) {
      closeQuietly(edges.remove(name), "edge " + name, failures);
    }
    closeQuietly(monitor, "monitor", failures);
    monitor = null;
    closeQuietly(distributor, "distributor", failures);
    distributor = null;
    if (!failures.isEmpty()) {
      IllegalStateException e = new IllegalStateException("some services did not stop cleanly");
      failures.forEach(e::addSuppressed);
      throw e;
    }
  }

  private static void closeQuietly(AutoCloseable service, String name, List<RuntimeException> failures) {
    if (service == null) {
      return;
    }
    try {
      service.close();
    } catch (Exception e) {
      // Keep stopping the others: a failed close must not leave ports behind.
      LOG.warn("stopping {} failed: {}", name, e.toString());
      failures.add(e instanceof RuntimeException r ? r : new IllegalStateException(e));
    }
  }
}
