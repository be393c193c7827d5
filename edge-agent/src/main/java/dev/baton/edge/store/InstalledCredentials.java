package dev.baton.edge.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of what the agent holds: per certificate, the current (newest) credential
 * and the previous ones kept until they expire. Published by the store's writer, read by the TLS
 * server and the management routes from any thread.
 */
public final class InstalledCredentials {

  /** Nothing installed. */
  public static final InstalledCredentials EMPTY = new InstalledCredentials(Map.of());

  private final Map<String, List<InstalledCredential>> byCertificate;

  /** @param byCertificate per certificate id, its credentials, current first */
  public InstalledCredentials(Map<String, List<InstalledCredential>> byCertificate) {
    Map<String, List<InstalledCredential>> copy = new TreeMap<>();
    requireNonNull(byCertificate, "byCertificate must not be null").forEach((id, list) -> {
      if (!list.isEmpty()) {
        copy.put(id, List.copyOf(list));
      }
    });
    this.byCertificate = Collections.unmodifiableMap(copy);
  }

  /** The current credential of each certificate, by certificate id. */
  public List<InstalledCredential> current() {
    List<InstalledCredential> out = new ArrayList<>();
    byCertificate.values().forEach(list -> out.add(list.get(0)));
    return out;
  }

  /** The current credential of one certificate. */
  public Optional<InstalledCredential> current(String certificateId) {
    List<InstalledCredential> list = byCertificate.get(certificateId);
    return list == null ? Optional.empty() : Optional.of(list.get(0));
  }

  /** Every credential of one certificate, current first. */
  public List<InstalledCredential> all(String certificateId) {
    return byCertificate.getOrDefault(certificateId, List.of());
  }

  /** The certificate ids held. */
  public List<String> certificateIds() {
    return List.copyOf(byCertificate.keySet());
  }

  /** Number of certificates with a current credential. */
  public int size() {
    return byCertificate.size();
  }

  /** The earliest expiry among the current credentials. */
  public Optional<Instant> earliestExpiry() {
    return current().stream().map(InstalledCredential::expiresAt).min(Instant::compareTo);
  }

  /**
   * The current credential to serve a client that asked for {@code serverName} (SNI, may be null):
   * the first certificate whose SAN matches, or, without SNI, the first certificate. Expired
   * credentials are never returned.
   */
  public Optional<InstalledCredential> select(String serverName, Instant now) {
    return current().stream()
        .filter(c -> c.expiresAt().isAfter(now))
        .filter(c -> serverName == null || c.matchesHost(serverName))
        .findFirst();
  }

  /** A copy with one certificate's credentials replaced (empty list: removed). */
  public InstalledCredentials with(String certificateId, List<InstalledCredential> credentials) {
    Map<String, List<InstalledCredential>> copy = new TreeMap<>(byCertificate);
    copy.put(certificateId, credentials);
    return new InstalledCredentials(copy);
  }

  @Override
  public String toString() {
    return "InstalledCredentials" + current();
  }
}
