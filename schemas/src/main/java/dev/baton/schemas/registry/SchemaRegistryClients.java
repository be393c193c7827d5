package dev.baton.schemas.registry;

import dev.baton.schemas.serde.SerdeConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Creates, and shares per configuration, the registry client a serde config names. */
public final class SchemaRegistryClients {

  private static final String MOCK_SCHEME = "mock://";
  private static final Map<SerdeConfig, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

  private SchemaRegistryClients() {}

  /**
   * The client for a serde config: {@code mock://scope} gives the in-memory registry of that scope;
   * {@code http(s)://} URLs give an HTTP client, shared by every serde with the same settings so
   * its caches are shared too.
   */
  public static SchemaRegistryClient forConfig(SerdeConfig config) {
    String first = config.registryUrls().get(0);
    if (first.startsWith(MOCK_SCHEME)) {
      return InMemorySchemaRegistry.scope(first.substring(MOCK_SCHEME.length()));
    }
    return SHARED.computeIfAbsent(config, c -> HttpSchemaRegistryClient.create(c.registryUrls(), c.raw()));
  }
}
