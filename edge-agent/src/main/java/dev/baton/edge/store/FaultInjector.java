package dev.baton.edge.store;

import java.io.IOException;

/**
 * A hook called at every durable step of the key store, so tests can simulate a crash between
 * steps. Production uses {@link #NONE}.
 */
@FunctionalInterface
public interface FaultInjector {
  /** Does nothing. */
  FaultInjector NONE = point -> {};

  /** Called at a named point (e.g. {@code dc-<serial>.key:renamed}); may throw to simulate a crash. */
  void at(String point) throws IOException;
}
