package dev.baton.edge;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.RejectReason;
import dev.baton.avro.v1.RolloutStatus;
import dev.baton.edge.kafka.RolloutStatuses;
import dev.baton.edge.store.CredentialStore;
import dev.baton.edge.store.InstalledCredential;
import dev.baton.edge.store.KeyStoreDirectory;
import dev.baton.edge.store.StoreException;
import dev.baton.edge.verify.CredentialChecks;
import dev.baton.edge.verify.Rejection;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent does with one record of its region topic: check, install durably, and say what
 * to report. Knows nothing about Kafka; runs on the consumer thread (the store's single writer).
 */
public final class RecordProcessor {

  /**
   * The result of one record.
   *
   * @param certificateId the status key's certificate part (null: the key was unreadable, no status)
   * @param status the status to report (null: none)
   * @param retry true when the record must be processed again (store failure): do not commit past it
   */
  public record Outcome(String certificateId, RolloutStatus status, boolean retry) {}

  private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);

  private final CredentialChecks checks;
  private final CredentialStore store;
  private final RolloutStatuses statuses;
  private final EdgeMetrics metrics;
  private final Clock clock;

  public RecordProcessor(CredentialChecks checks, CredentialStore store, RolloutStatuses statuses, EdgeMetrics metrics,
      Clock clock) {
    this.checks = requireNonNull(checks, "checks must not be null");
    this.store = requireNonNull(store, "store must not be null");
    this.statuses = requireNonNull(statuses, "statuses must not be null");
    this.metrics = requireNonNull(metrics, "metrics must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /** A record whose value is a CredentialIssued event, or a tombstone ({@code event == null}). */
  public Outcome process(String key, CredentialIssued event) {
    if (event == null) {
      return tombstone(key);
    }
    InstalledCredential credential;
    try {
      credential = checks.check(key, event);
    } catch (Rejection r) {
      return reject(readableKey(key), event.getSerial(), r.reason(), r.getMessage());
    }
    Optional<InstalledCredential> current = store.snapshot().current(credential.certificateId());
    if (current.isPresent() && current.get().serial().equals(credential.serial())) {
      // Re-delivery (restart before the commit, or a replay): nothing to write, acknowledge again.
      metrics.redelivered();
      return installed(credential, event.getIssuedAt(), clock.instant());
    }
    if (current.isPresent() && !credential.expiresAt().isAfter(current.get().expiresAt())) {
      return reject(credential.certificateId(), credential.serial(), RejectReason.STALE, "credential expires at "
          + credential.expiresAt() + ", not after the installed " + current.get().serial() + " (" + current.get().expiresAt() + ")");
    }
    try {
      store.install(credential);
    } catch (StoreException e) {
      LOG.error("cannot install credential {} of {}: {}", credential.serial(), credential.certificateId(), e.getMessage());
      metrics.rejected(RejectReason.STORE_FAILED);
      return new Outcome(credential.certificateId(), statuses.rejected(credential.certificateId(), credential.serial(),
          RejectReason.STORE_FAILED, e.getMessage()), true);
    }
    Instant now = clock.instant();
    metrics.installed(now);
    LOG.info("installed credential {} of {} (expires {})", credential.serial(), credential.certificateId(), credential.expiresAt());
    return installed(credential, event.getIssuedAt(), now);
  }

  /** A record that could not be decoded. */
  public Outcome malformed(String key, String message) {
    return reject(readableKey(key), null, RejectReason.MALFORMED, message);
  }

  private Outcome tombstone(String key) {
    String id = readableKey(key);
    if (id == null) {
      return reject(null, null, RejectReason.MALFORMED, "tombstone with an invalid certificate id as key");
    }
    try {
      boolean had = store.remove(id);
      metrics.removed();
      LOG.info("tombstone for {}: {}", id, had ? "keys purged" : "nothing was installed");
      return new Outcome(id, statuses.removed(id), false);
    } catch (StoreException e) {
      LOG.error("cannot purge {}: {}", id, e.getMessage());
      metrics.rejected(RejectReason.STORE_FAILED);
      return new Outcome(id, statuses.rejected(id, null, RejectReason.STORE_FAILED, e.getMessage()), true);
    }
  }

  private Outcome installed(InstalledCredential c, Instant issuedAt, Instant installedAt) {
    return new Outcome(c.certificateId(), statuses.installed(c, issuedAt, installedAt), false);
  }

  private Outcome reject(String certificateId, String serial, RejectReason reason, String message) {
    metrics.rejected(reason);
    LOG.warn("rejected record {} ({}): {}", certificateId, reason, message);
    return new Outcome(certificateId, certificateId == null ? null : statuses.rejected(certificateId, serial, reason, message), false);
  }

  /** The key as a certificate id, or null when it cannot be one (then no status can be keyed). */
  private static String readableKey(String key) {
    if (key == null) {
      return null;
    }
    try {
      return KeyStoreDirectory.requireValidCertificateId(key);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
