package dev.baton.service;

/**
 * Where the management endpoints listen.
 *
 * @param host {@code management.host} (default 127.0.0.1; 0.0.0.0 in containers)
 * @param port {@code management.port} (0: a free port)
 */
public record ManagementSettings(String host, int port) {
  public static final String HOST = "management.host";
  public static final String PORT = "management.port";

  /** Reads the settings with the service's default port. */
  public static ManagementSettings from(ConfigSource config, int defaultPort) {
    return new ManagementSettings(config.string(HOST, "127.0.0.1"), config.port(PORT, defaultPort));
  }
}
