package dev.baton.embedded.junit;

import dev.baton.embedded.EmbeddedKafka;
import dev.baton.embedded.EmbeddedSchemaRegistry;

/**
 * JUnit 5 extension: every IT of a run shares one broker and one registry, started on first use
 * and stopped at the end of the run. Use {@code @ExtendWith(EmbeddedStackExtension.class)} and take
 * an {@link EmbeddedStack} parameter (constructor, lifecycle or test method).
 * API CONTRACT (skeleton).
 */
public final class EmbeddedStackExtension {

  /** The shared broker and registry. */
  public interface EmbeddedStack {
    EmbeddedKafka kafka();

    EmbeddedSchemaRegistry registry();

    /** Shorthand for {@code kafka().bootstrapServers()}. */
    default String bootstrapServers() {
      return kafka().bootstrapServers();
    }

    /** Shorthand for {@code registry().url()}. */
    default String schemaRegistryUrl() {
      return registry().url();
    }
  }
}
