package dev.baton.service;

import static java.util.Objects.requireNonNull;

/**
 * Whether a service is doing its job, and if not, why (shown on {@code /ready}).
 *
 * @param ready true when the service does its job
 * @param detail a short human-readable reason
 */
public record Readiness(boolean ready, String detail) {
  public Readiness {
    requireNonNull(detail, "detail must not be null");
  }

  public static Readiness ready(String detail) {
    return new Readiness(true, detail);
  }

  public static Readiness notReady(String detail) {
    return new Readiness(false, detail);
  }
}
