package dev.baton.issuer.inventory;

import static java.util.Objects.requireNonNull;

import dev.baton.issuer.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the inventory directory: one sub-directory per certificate id (see
 * {@link CertificateLoader} for the files). Unchanged directories are not parsed again; a bad
 * entry becomes a {@link Rejection}, logged once per change, never an exception. Hidden entries
 * (a leading dot) are ignored, so a certificate can be staged and renamed into place atomically.
 */
public final class InventoryScanner {

  private static final Logger LOG = LoggerFactory.getLogger(InventoryScanner.class);
  /** Certificate ids name Kafka keys and edge directories: lowercase letters, digits, '.', '_', '-'. */
  private static final Pattern SAFE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE);

  /** One directory's last parse: the content hash it was made from, and its result. */
  private record Parsed(String contentHash, CertificateLoader.Loaded loaded, InventoryException failure) {}

  private final Path dir;
  private final CertificateLoader loader;
  private final Clock clock;
  private final Map<String, Parsed> cache = new HashMap<>();
  private final Map<String, String> lastStatus = new HashMap<>();
  private boolean warnedMissingDir;

  /**
   * @param dir the inventory directory
   * @param env the environment (PKCS#12 passwords)
   * @param clock decides what is expired
   */
  public InventoryScanner(Path dir, Map<String, String> env, Clock clock) {
    this.dir = requireNonNull(dir, "dir must not be null");
    this.loader = new CertificateLoader(requireNonNull(env, "env must not be null"));
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /** True for a safe certificate id: 1-64 of [a-z0-9._-], starting with a letter or digit. */
  public static boolean isSafeId(String id) {
    return id != null && SAFE_ID.matcher(id).matches();
  }

  /** Scans the directory now. Never throws for bad content. */
  public synchronized InventoryScan scan() {
    Map<String, InventoryEntry> valid = new TreeMap<>();
    Map<String, Rejection> rejected = new TreeMap<>();
    List<Rejection> fresh = new ArrayList<>();
    Instant now = clock.instant();
    for (Path child : children()) {
      String id = child.getFileName().toString();
      Object result = evaluate(id, child, now);
      String status;
      if (result instanceof InventoryEntry entry) {
        valid.put(id, entry);
        status = "ok " + entry.fingerprint();
      } else {
        Rejection r = (Rejection) result;
        rejected.put(id, r);
        status = r.reason() + " " + r.message();
      }
      if (!status.equals(lastStatus.put(id, status))) {
        report(result, child, fresh);
      }
    }
    lastStatus.keySet().removeIf(id -> {
      boolean gone = !valid.containsKey(id) && !rejected.containsKey(id);
      if (gone) {
        cache.remove(id);
        LOG.info("certificate {} removed from the inventory", id);
      }
      return gone;
    });
    return new InventoryScan(valid, rejected, fresh);
  }

  private List<Path> children() {
    if (!Files.isDirectory(dir)) {
      if (!warnedMissingDir) {
        LOG.warn("inventory directory {} does not exist or is not a directory; no certificates", dir);
        warnedMissingDir = true;
      }
      return List.of();
    }
    warnedMissingDir = false;
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isDirectory(p)).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot list inventory directory {}: {}; keeping no certificates this round", dir, e.getMessage());
      return List.of();
    }
  }

  /** An {@link InventoryEntry} or a {@link Rejection}. */
  private Object evaluate(String id, Path child, Instant now) {
    if (!SAFE_ID.matcher(id).matches()) {
      return new Rejection(id, Rejection.Reason.UNSAFE_ID, "'" + id
          + "' is not a safe certificate id: use 1-64 of [a-z0-9._-], starting with a letter or digit");
    }
    Parsed parsed;
    try {
      parsed = parse(id, child);
    } catch (IOException e) {
      return new Rejection(id, Rejection.Reason.UNREADABLE, child + " cannot be read: " + e.getMessage());
    }
    if (parsed.failure() != null) {
      return new Rejection(id, parsed.failure().reason(), parsed.failure().getMessage());
    }
    X509Certificate cert = parsed.loaded().certificate().certificate();
    Instant notBefore = cert.getNotBefore().toInstant();
    Instant notAfter = cert.getNotAfter().toInstant();
    if (now.isBefore(notBefore)) {
      return new Rejection(id, Rejection.Reason.NOT_YET_VALID, "certificate " + id + " is valid only from " + notBefore);
    }
    if (!now.isBefore(notAfter)) {
      return new Rejection(id, Rejection.Reason.EXPIRED, "certificate " + id + " expired at " + notAfter);
    }
    try {
      return new InventoryEntry(id, parsed.loaded().certificate(), parsed.loaded().signer(),
          Hashes.sha256Hex(cert.getEncoded()), notAfter, parsed.loaded().source());
    } catch (CertificateEncodingException e) {
      return new Rejection(id, Rejection.Reason.UNREADABLE, "certificate " + id + " cannot be encoded: " + e.getMessage());
    }
  }

  private Parsed parse(String id, Path child) throws IOException {
    String hash = contentHash(child);
    Parsed cached = cache.get(id);
    if (cached != null && cached.contentHash().equals(hash)) {
      return cached;
    }
    Parsed parsed;
    try {
      parsed = new Parsed(hash, loader.load(id, child), null);
    } catch (InventoryException e) {
      parsed = new Parsed(hash, null, e);
    } catch (RuntimeException e) {
      // A parser bug must not stop the scan; the type is enough to act on.
      parsed = new Parsed(hash, null, new InventoryException(Rejection.Reason.UNREADABLE,
          child + " cannot be loaded: " + e.getClass().getSimpleName(), e));
    }
    cache.put(id, parsed);
    return parsed;
  }

  private static String contentHash(Path child) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Path f : CertificateLoader.inputFiles(child)) {
      sb.append(f.getFileName()).append('=');
      sb.append(Files.isRegularFile(f) ? Hashes.sha256Hex(Files.readAllBytes(f)) : "-").append(';');
    }
    return Hashes.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void report(Object result, Path child, List<Rejection> fresh) {
    if (result instanceof InventoryEntry e) {
      LOG.info("certificate {} loaded from {}: fingerprint {}, notAfter {}", e.id(), e.source(), e.fingerprint(), e.notAfter());
      warnIfKeyExposed(child.resolve(CertificateLoader.KEY_PEM));
    } else {
      Rejection r = (Rejection) result;
      LOG.warn("certificate {} skipped ({}): {}", r.id(), r.reason(), r.message());
      fresh.add(r);
    }
  }

  private static void warnIfKeyExposed(Path key) {
    try {
      if (Files.isRegularFile(key) && Files.getPosixFilePermissions(key).stream().anyMatch(GROUP_OR_OTHER::contains)) {
        LOG.warn("private key {} is readable or writable by group/others; chmod 600 it", key);
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot check permissions of {}: {}", key, e.toString());
    }
  }
}
