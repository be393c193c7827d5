package dev.baton.distributor;

import java.util.Locale;

/** What the distributor does with a certificate that has no geo policy. */
public enum UnknownPolicy {
  /** Route nowhere until an operator sets a policy (the safe default). */
  DENY,
  /** Route every credential to the region it was sealed for. */
  ALL;

  /** The config spelling: {@code deny} or {@code all}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
