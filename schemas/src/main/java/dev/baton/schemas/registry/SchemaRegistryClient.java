package dev.baton.schemas.registry;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API that Baton's serdes and tools use.
 *
 * <p>Implementations are thread-safe and cache what the registry says is immutable (ids).
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /** Registers the schema under the subject (idempotent) and returns its global id. */
  int register(String subject, Schema schema);

  /** The id of a schema already registered under the subject; fails if it is not registered. */
  int lookup(String subject, Schema schema);

  /** The schema with this global id. */
  Schema byId(int id);

  /** The newest version registered under the subject. */
  RegisteredSchema latest(String subject);

  /** Whether the schema is compatible with the subject under the registry's rules. */
  boolean isCompatible(String subject, Schema schema);

  @Override
  void close();
}
