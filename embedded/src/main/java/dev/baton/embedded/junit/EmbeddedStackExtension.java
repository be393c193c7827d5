package dev.baton.embedded.junit;

import dev.baton.embedded.EmbeddedKafka;
import dev.baton.embedded.EmbeddedSchemaRegistry;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: every IT of a run shares one broker and one registry, started on first use
 * and stopped at the end of the run. Use {@code @ExtendWith(EmbeddedStackExtension.class)} and take
 * an {@link EmbeddedStack} parameter (constructor, lifecycle or test method).
 *
 * <p>The broker starts when a test first calls {@link EmbeddedStack#kafka()} (or {@code
 * bootstrapServers()}), the registry when one first calls {@link EmbeddedStack#registry()} (or
 * {@code schemaRegistryUrl()}): a run that only needs Kafka never starts the registry. Both live in
 * JUnit's root store, which closes them when the run ends. Tests share topics, so each test should
 * use its own topic names and consumer groups.
 */
public final class EmbeddedStackExtension implements ParameterResolver {

  /** Set by the root pom's surefire configuration. */
  private static final String PHASE_PROPERTY = "baton.test.phase";
  private static final String UNIT_PHASE = "unit";
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedStackExtension.class);

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

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (UNIT_PHASE.equals(System.getProperty(PHASE_PROPERTY))) {
      throw new ParameterResolutionException(
          context.getRequiredTestClass().getName()
              + " takes an EmbeddedStack but runs as a unit test (surefire, *Test), which must not"
              + " need the network: name it *IT so that failsafe runs it");
    }
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(SharedStack.class.getName(), key -> new SharedStack(), SharedStack.class);
  }

  /** Starts each part on first use; closed by JUnit (AutoCloseable in the root store). */
  static final class SharedStack implements EmbeddedStack, AutoCloseable {
    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;
    private boolean closed;

    @Override
    public synchronized EmbeddedKafka kafka() {
      ensureOpen();
      if (kafka == null) {
        kafka = EmbeddedKafka.start();
      }
      return kafka;
    }

    @Override
    public synchronized EmbeddedSchemaRegistry registry() {
      ensureOpen();
      if (registry == null) {
        registry = EmbeddedSchemaRegistry.start();
      }
      return registry;
    }

    private void ensureOpen() {
      if (closed) {
        throw new IllegalStateException("the shared embedded stack is already closed");
      }
    }

    @Override
    public synchronized void close() {
      closed = true;
      try {
        if (registry != null) {
          registry.close();
        }
      } finally {
        if (kafka != null) {
          kafka.close();
        }
      }
    }
  }
}
