package dev.baton.schemas.registry;

import static java.util.Objects.requireNonNull;

import org.apache.avro.Schema;

/**
 * A schema as registered under a subject.
 *
 * @param subject the subject
 * @param id the global schema id (what goes on the wire)
 * @param version the version within the subject
 * @param schema the schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
  public RegisteredSchema {
    requireNonNull(subject, "subject must not be null");
    requireNonNull(schema, "schema must not be null");
  }
}
