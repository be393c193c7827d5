package dev.baton.cli.demo;

/**
 * The Baton services of a demo run, in this process: issuer, distributor and one edge agent per
 * datacenter. {@link #close()} stops them all and frees their ports.
 */
public interface Fleet extends AutoCloseable {

  /** Starts every service; returns once each has been started (not necessarily caught up). */
  void start();

  /** The TLS port a datacenter's edge serves on (0 while it is not running). */
  int tlsPort(Datacenter datacenter);

  /** The monitor's management port (its JSON API: /datacenters, /rollouts, /regions), 0 if none runs. */
  int monitorPort();

  /** Stops one datacenter's edge agent (its key store stays). */
  void stopEdge(Datacenter datacenter);

  /** Starts a stopped edge agent again with the same configuration and key store. */
  void startEdge(Datacenter datacenter);

  @Override
  void close();
}
