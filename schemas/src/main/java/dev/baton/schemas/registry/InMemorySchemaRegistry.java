package dev.baton.schemas.registry;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in memory, addressed as {@code mock://<scope>} like Confluent's mock registry.
 *
 * <p>All clients of one scope in a JVM share it, so a test's producer and consumer see the same
 * ids. Compatibility is BACKWARD against the newest version, as the embedded registry is set up.
 * For unit tests and {@code TopologyTestDriver}; never for production.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

  private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final List<Schema> byId = new ArrayList<>();
  private final Map<String, List<RegisteredSchema>> subjects = new HashMap<>();

  private InMemorySchemaRegistry() {}

  /** The registry of a scope, created on first use. */
  public static InMemorySchemaRegistry scope(String scope) {
    return SCOPES.computeIfAbsent(requireNonNull(scope, "scope must not be null"), s -> new InMemorySchemaRegistry());
  }

  /** Forgets a scope (tests call this to start clean). */
  public static void drop(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<RegisteredSchema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    for (RegisteredSchema r : versions) {
      if (r.schema().equals(schema)) {
        return r.id();
      }
    }
    if (!versions.isEmpty() && !compatible(versions.get(versions.size() - 1).schema(), schema)) {
      throw new SchemaRegistryException(
          "schema being registered is incompatible with the latest version of subject " + subject, 409);
    }
    int id = idOf(schema);
    versions.add(new RegisteredSchema(subject, id, versions.size() + 1, schema));
    return id;
  }

  @Override
  public synchronized int lookup(String subject, Schema schema) {
    for (RegisteredSchema r : subjects.getOrDefault(subject, List.of())) {
      if (r.schema().equals(schema)) {
        return r.id();
      }
    }
    throw new SchemaRegistryException("schema not found under subject " + subject, 404);
  }

  @Override
  public synchronized Schema byId(int id) {
    if (id < 1 || id > byId.size()) {
      throw new SchemaRegistryException("no schema with id " + id, 404);
    }
    return byId.get(id - 1);
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaRegistryException("subject " + subject + " not found", 404);
    }
    return versions.get(versions.size() - 1);
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    List<RegisteredSchema> versions = subjects.get(subject);
    return versions == null || versions.isEmpty() || compatible(versions.get(versions.size() - 1).schema(), schema);
  }

  @Override
  public void close() {
    // Shared per scope: closing one client must not drop the schemas other clients use.
  }

  private int idOf(Schema schema) {
    int existing = byId.indexOf(schema);
    if (existing >= 0) {
      return existing + 1;
    }
    byId.add(schema);
    return byId.size();
  }

  private static boolean compatible(Schema previous, Schema next) {
    // BACKWARD: consumers using the new schema can read data written with the previous one.
    return SchemaCompatibility.checkReaderWriterCompatibility(next, previous).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }
}
