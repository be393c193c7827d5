package dev.baton.embedded;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * One combined broker+controller KRaft node in this JVM, on free loopback ports, in a temp dir
 * deleted on close. API CONTRACT (skeleton): the foundation issue fills in behaviour.
 */
public final class EmbeddedKafka implements AutoCloseable {

  /** Starts a node with default settings. */
  public static EmbeddedKafka start() {
    return start(Map.of());
  }

  /** Starts a node; {@code extraConfig} is added to (and overrides) the broker config. */
  public static EmbeddedKafka start(Map<String, String> extraConfig) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** {@code 127.0.0.1:<port>} of the PLAINTEXT client listener. */
  public String bootstrapServers() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** An Admin client (owned by this object, closed with it). */
  public Admin admin() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Stops the broker but keeps its data and ports, for failure tests. */
  public void stopBroker() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Starts a broker stopped with {@link #stopBroker()} again, same ports and data. */
  public void restartBroker() {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("skeleton");
  }
}
