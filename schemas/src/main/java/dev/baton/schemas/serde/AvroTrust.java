package dev.baton.schemas.serde;

import dev.baton.avro.v1.CredentialIssued;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load record classes it does not trust. Baton trusts exactly its own
 * generated package, on top of whatever the JVM already trusts, and nothing else.
 */
final class AvroTrust {
  private static final String GENERATED_PACKAGE = CredentialIssued.class.getPackageName();

  static {
    ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
        previous, c -> GENERATED_PACKAGE.equals(c.getPackageName())));
  }

  private AvroTrust() {}

  /** Installs the trust once per JVM (class initialization runs exactly once). */
  static void ensureInstalled() {
    // The work happens in the static initializer.
  }
}
