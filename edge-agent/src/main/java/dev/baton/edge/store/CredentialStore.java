package dev.baton.edge.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.Pem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's credentials: the {@link KeyStoreDirectory} on disk and an immutable snapshot of it in
 * memory. One thread writes (the consumer thread); any thread reads {@link #snapshot()}.
 */
public final class CredentialStore {

  /** Verifies a credential read from disk; throws when it must not be served. */
  @FunctionalInterface
  public interface StoredCredentialCheck {
    InstalledCredential check(StoredCredential stored) throws Exception;
  }

  /** What an install did. */
  public enum InstallOutcome {
    /** Written and now current. */
    INSTALLED,
    /** That serial was already current: nothing written. */
    ALREADY_INSTALLED
  }

  private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);

  private final KeyStoreDirectory directory;
  private final StoredCredentialCheck check;
  private final Clock clock;
  private final AtomicReference<InstalledCredentials> snapshot = new AtomicReference<>(InstalledCredentials.EMPTY);

  public CredentialStore(KeyStoreDirectory directory, StoredCredentialCheck check, Clock clock) {
    this.directory = requireNonNull(directory, "directory must not be null");
    this.check = requireNonNull(check, "check must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /**
   * Finishes interrupted operations, then reads and re-verifies every credential on disk. A
   * credential that fails is not served (and logged); the store serves what it has even when
   * Kafka is down.
   */
  public InstalledCredentials load() {
    directory.recover();
    Map<String, List<InstalledCredential>> all = new HashMap<>();
    for (String id : directory.certificateIds()) {
      Optional<String> current = directory.currentSerial(id);
      List<InstalledCredential> list = new ArrayList<>();
      for (String serial : directory.serials(id)) {
        if (!directory.certificateIds().contains(id)) {
          break;
        }
        StoredCredential stored = directory.read(id, serial);
        try {
          list.add(check.check(stored));
        } catch (Exception e) {
          if (expired(stored)) {
            deleteExpired(id, serial, current.orElse(null));
          } else {
            LOG.warn("key store: not serving credential {} of certificate {}: {}", serial, id, e.getMessage());
          }
        }
      }
      if (directory.certificateIds().contains(id)) {
        all.put(id, ordered(list, current.orElse(null)));
      }
    }
    InstalledCredentials loaded = new InstalledCredentials(all);
    snapshot.set(loaded);
    return loaded;
  }

  /** What the agent holds now (any thread). */
  public InstalledCredentials snapshot() {
    return snapshot.get();
  }

  /** Writes a verified credential durably and makes it current; throws {@link StoreException} on failure. */
  public InstallOutcome install(InstalledCredential credential) {
    String id = credential.certificateId();
    Optional<InstalledCredential> current = snapshot.get().current(id);
    if (current.isPresent() && current.get().serial().equals(credential.serial())
        && directory.currentSerial(id).filter(credential.serial()::equals).isPresent()) {
      return InstallOutcome.ALREADY_INSTALLED;
    }
    directory.install(new StoredCredential(id, credential.serial(),
        Pem.encodeCertificates(credential.chain()).getBytes(US_ASCII),
        credential.credential().encode(),
        Pem.encodePrivateKey(credential.privateKey()).getBytes(US_ASCII)));
    List<InstalledCredential> list = new ArrayList<>();
    list.add(credential);
    snapshot.get().all(id).stream().filter(c -> !c.serial().equals(credential.serial())).forEach(list::add);
    snapshot.updateAndGet(s -> s.with(id, list));
    return InstallOutcome.INSTALLED;
  }

  /** Purges a certificate's credentials (keys overwritten, then unlinked). True if it had any. */
  public boolean remove(String certificateId) {
    boolean had = snapshot.get().current(certificateId).isPresent()
        || directory.certificateIds().contains(certificateId);
    directory.purge(certificateId);
    snapshot.updateAndGet(s -> s.with(certificateId, List.of()));
    return had;
  }

  /**
   * Deletes expired credentials: previous ones individually, and a certificate whose current
   * credential expired entirely (nothing of it can be served). Returns how many were deleted.
   */
  public int collectGarbage() {
    Instant now = clock.instant();
    int deleted = 0;
    for (String id : snapshot.get().certificateIds()) {
      List<InstalledCredential> all = snapshot.get().all(id);
      if (!all.get(0).expiresAt().isAfter(now)) {
        directory.purge(id);
        snapshot.updateAndGet(s -> s.with(id, List.of()));
        deleted += all.size();
        continue;
      }
      List<InstalledCredential> keep = new ArrayList<>();
      keep.add(all.get(0));
      for (InstalledCredential c : all.subList(1, all.size())) {
        if (c.expiresAt().isAfter(now)) {
          keep.add(c);
        } else {
          directory.deleteCredential(id, c.serial());
          deleted++;
        }
      }
      snapshot.updateAndGet(s -> s.with(id, keep));
    }
    return deleted;
  }

  private boolean expired(StoredCredential stored) {
    try {
      var chain = Pem.parseCertificates(stored.chainPem());
      Instant expiresAt = DelegatedCredential.parse(stored.delegatedCredential()).expiresAt(chain.get(0));
      return !expiresAt.isAfter(clock.instant());
    } catch (RuntimeException e) {
      return false;
    }
  }

  // The current credential is the newest, so when it expired, everything of the certificate did.
  private void deleteExpired(String id, String serial, String currentSerial) {
    LOG.info("key store: deleting expired credential {} of certificate {}", serial, id);
    if (serial.equals(currentSerial)) {
      directory.purge(id);
    } else if (directory.certificateIds().contains(id)) {
      directory.deleteCredential(id, serial);
    }
  }

  /** Current first (the one {@code current} names, else the longest-lived), the rest newest first. */
  private static List<InstalledCredential> ordered(List<InstalledCredential> list, String currentSerial) {
    List<InstalledCredential> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparing(InstalledCredential::expiresAt).reversed());
    sorted.stream().filter(c -> c.serial().equals(currentSerial)).findFirst().ifPresent(c -> {
      sorted.remove(c);
      sorted.add(0, c);
    });
    return sorted;
  }
}
