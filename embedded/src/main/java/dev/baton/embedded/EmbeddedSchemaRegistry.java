package dev.baton.embedded;

/**
 * Apicurio Registry in memory as a child process, Confluent-compatible API at
 * {@code /apis/ccompat/v7}. API CONTRACT (skeleton).
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

  public static EmbeddedSchemaRegistry start() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** {@code http://127.0.0.1:<port>/apis/ccompat/v7}: the value of {@code schema.registry.url}. */
  public String url() {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("skeleton");
  }
}
