package dev.baton.monitor;

import java.time.Instant;

/** Helpers for instants that may be unknown (null). */
final class Instants {

  private Instants() {}

  /** Compares two instants, an unknown one ordering before any known one. */
  static int compare(Instant a, Instant b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  /** The later of two instants, ignoring an unknown one. */
  static Instant max(Instant a, Instant b) {
    return compare(a, b) >= 0 ? a : b;
  }
}
