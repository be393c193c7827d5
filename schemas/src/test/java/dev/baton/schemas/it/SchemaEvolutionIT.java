package dev.baton.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.avro.v1.GeoPolicy;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.registry.HttpSchemaRegistryClient;
import dev.baton.schemas.registry.SchemaRegistryException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schema evolution as the real registry judges it. BACKWARD (the registry's default) lets a new
 * reader read old data: adding an optional field passes, adding a required one is refused. Removing
 * a required field is BACKWARD-compatible but breaks old readers, so FULL refuses it.
 */
@ExtendWith(EmbeddedStackExtension.class)
class SchemaEvolutionIT {

  private static final Schema V1 = GeoPolicy.getClassSchema();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private static Schema withField(String fieldJson) {
    return new Schema.Parser().parse(V1.toString().replace("\"fields\":[", "\"fields\":[" + fieldJson + ","));
  }

  private static Schema withoutVersionField() {
    String json = V1.toString();
    int start = json.indexOf("{\"name\":\"version\"");
    int end = json.indexOf('}', start) + 1;
    return new Schema.Parser().parse(json.substring(0, start) + json.substring(end + 1));
  }

  private HttpSchemaRegistryClient client(EmbeddedStack stack) {
    return HttpSchemaRegistryClient.create(List.of(stack.schemaRegistryUrl()), Map.of());
  }

  @Test
  void addingAnOptionalField_passesBackward_andGetsANewId(EmbeddedStack stack) {
    HttpSchemaRegistryClient c = client(stack);
    String subject = "it-" + run + ".evolve-optional-value";
    int v1 = c.register(subject, V1);
    Schema v2 = withField("{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");
    assertThat(c.isCompatible(subject, v2)).isTrue();
    int id2 = c.register(subject, v2);
    assertThat(id2).isNotEqualTo(v1);
    assertThat(c.latest(subject).schema()).isEqualTo(v2);
  }

  @Test
  void addingARequiredField_isRefusedUnderBackward_with409(EmbeddedStack stack) {
    HttpSchemaRegistryClient c = client(stack);
    String subject = "it-" + run + ".evolve-required-value";
    c.register(subject, V1);
    Schema bad = withField("{\"name\":\"owner\",\"type\":\"string\"}");
    assertThat(c.isCompatible(subject, bad)).isFalse();
    assertThatThrownBy(() -> c.register(subject, bad))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
        .hasMessageContaining("HTTP 409 (incompatible");
  }

  @Test
  void removingARequiredField_isRefusedUnderFull_with409(EmbeddedStack stack) {
    HttpSchemaRegistryClient c = client(stack);
    String subject = "it-" + run + ".evolve-remove-value";
    c.register(subject, V1);
    c.setCompatibility(subject, "FULL");
    Schema removed = withoutVersionField();
    assertThat(removed.getField("version")).isNull();
    assertThat(c.isCompatible(subject, removed)).isFalse();
    assertThatThrownBy(() -> c.register(subject, removed))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.isIncompatible()).isTrue();
          assertThat(e.isRetriable()).isFalse();
        })
        .hasMessageContaining("under subject '" + subject + "'")
        .hasMessageContaining("HTTP 409");
  }
}
