package dev.baton.edge.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk key store: {@code <root>/<certificateId>/} holds {@code dc-<serial>.bin} (RFC 9345
 * bytes), {@code dc-<serial>.key} (PKCS#8 PEM), {@code dc-<serial>.chain.pem} (the chain that
 * credential was verified with), {@code chain.pem} (the chain of the current credential) and
 * {@code current} (the serial in use). Files are 0600, directories 0700.
 *
 * <p>Every file is written to a temp file, fsynced, renamed over its name, and the directory is
 * fsynced. {@code current} is the commit point of an install and its removal the commit point of
 * a purge; {@link #recover()} rolls an interrupted operation back (or {@code chain.pem} forward), so
 * a crash at any point leaves either the old or the new credential, never a torn one.
 *
 * <p>Not thread-safe: one writer (the agent's consumer thread) owns it.
 */
public final class KeyStoreDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(KeyStoreDirectory.class);
  private static final Pattern CERTIFICATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern SERIAL = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern SERIAL_FILE = Pattern.compile("dc-([0-9a-f]{32})\\.(bin|key|chain\\.pem)");
  private static final String CURRENT = "current";
  private static final String CHAIN = "chain.pem";
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path root;
  private final FaultInjector faults;

  /** A store at {@code root} (created 0700 if absent). */
  public KeyStoreDirectory(Path root) {
    this(root, FaultInjector.NONE);
  }

  /** A store whose durable steps call {@code faults} (tests). */
  public KeyStoreDirectory(Path root, FaultInjector faults) {
    this.root = requireNonNull(root, "root must not be null");
    this.faults = requireNonNull(faults, "faults must not be null");
    try {
      createPrivateDirectory(root);
    } catch (IOException e) {
      throw new StoreException("cannot create key store directory " + root + ": " + e.getMessage(), e);
    }
  }

  /** The store's root directory. */
  public Path root() {
    return root;
  }

  /** Certificate ids are directory names: letters, digits, '.', '_', '-', not starting with '.'. */
  public static String requireValidCertificateId(String certificateId) {
    if (!CERTIFICATE_ID.matcher(certificateId).matches()) {
      throw new IllegalArgumentException("invalid certificate id '" + certificateId
          + "': use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return certificateId;
  }

  /** Serials are 32 lowercase hex characters. */
  public static String requireValidSerial(String serial) {
    if (!SERIAL.matcher(serial).matches()) {
      throw new IllegalArgumentException("invalid credential serial '" + serial + "': expected 32 lowercase hex characters");
    }
    return serial;
  }

  /**
   * Installs a credential and makes it current, durably. Installing the serial that is already
   * current rewrites nothing. Previous credentials stay until {@link #deleteCredential} removes them.
   */
  public void install(StoredCredential c) {
    Path dir = root.resolve(c.certificateId());
    String serial = c.serial();
    try {
      if (currentSerial(c.certificateId()).filter(serial::equals).isPresent() && complete(dir, serial)) {
        return;
      }
      createPrivateDirectory(dir);
      fsyncDirectory(root);
      writeAtomically(dir, "dc-" + serial + ".bin", c.delegatedCredential());
      writeAtomically(dir, "dc-" + serial + ".key", c.privateKeyPem());
      writeAtomically(dir, "dc-" + serial + ".chain.pem", c.chainPem());
      writeAtomically(dir, CURRENT, (serial + "\n").getBytes(US_ASCII));
      writeAtomically(dir, CHAIN, c.chainPem());
    } catch (IOException e) {
      throw new StoreException("cannot install credential " + serial + " of certificate " + c.certificateId()
          + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The certificates that have a directory in the store, sorted. */
  public List<String> certificateIds() {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p) && CERTIFICATE_ID.matcher(name).matches()) {
          ids.add(name);
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot list key store " + root + ": " + e.getMessage(), e);
    }
    ids.sort(null);
    return ids;
  }

  /** The serial {@code current} names, if the certificate has one. */
  public Optional<String> currentSerial(String certificateId) {
    Path file = root.resolve(requireValidCertificateId(certificateId)).resolve(CURRENT);
    try {
      String s = new String(Files.readAllBytes(file), US_ASCII).trim();
      return SERIAL.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Serials of the certificate whose three files are all present, sorted. */
  public List<String> serials(String certificateId) {
    Path dir = root.resolve(requireValidCertificateId(certificateId));
    TreeSet<String> out = new TreeSet<>();
    for (String serial : serialsWithAnyFile(dir)) {
      if (complete(dir, serial)) {
        out.add(serial);
      }
    }
    return List.copyOf(out);
  }

  /** Reads one credential's files. */
  public StoredCredential read(String certificateId, String serial) {
    Path dir = root.resolve(requireValidCertificateId(certificateId));
    requireValidSerial(serial);
    try {
      return new StoredCredential(certificateId, serial,
          Files.readAllBytes(dir.resolve("dc-" + serial + ".chain.pem")),
          Files.readAllBytes(dir.resolve("dc-" + serial + ".bin")),
          Files.readAllBytes(dir.resolve("dc-" + serial + ".key")));
    } catch (IOException e) {
      throw new StoreException("cannot read credential " + serial + " of certificate " + certificateId + ": "
          + e.getMessage(), e);
    }
  }

  /** Deletes one non-current credential: the key is overwritten before it is unlinked. */
  public void deleteCredential(String certificateId, String serial) {
    Path dir = root.resolve(requireValidCertificateId(certificateId));
    requireValidSerial(serial);
    if (currentSerial(certificateId).filter(serial::equals).isPresent()) {
      throw new IllegalStateException("credential " + serial + " is current for " + certificateId + "; purge instead");
    }
    try {
      deleteSerialFiles(dir, serial);
      fsyncDirectory(dir);
    } catch (IOException e) {
      throw new StoreException("cannot delete credential " + serial + " of " + certificateId + ": " + e.getMessage(), e);
    }
  }

  /** Removes every credential of a certificate: {@code current} first, keys overwritten, then the directory. */
  public void purge(String certificateId) {
    Path dir = root.resolve(requireValidCertificateId(certificateId));
    if (!Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.deleteIfExists(dir.resolve(CURRENT));
      fsyncDirectory(dir);
      faults.at(certificateId + "/" + CURRENT + ":deleted");
      for (String serial : serialsWithAnyFile(dir)) {
        deleteSerialFiles(dir, serial);
      }
      try (DirectoryStream<Path> rest = Files.newDirectoryStream(dir)) {
        for (Path p : rest) {
          wipeAndDelete(p);
        }
      }
      Files.delete(dir);
      fsyncDirectory(root);
    } catch (IOException e) {
      throw new StoreException("cannot purge certificate " + certificateId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Finishes what a crash interrupted: removes temp files, purges certificates without a complete
   * current credential (an interrupted first install or purge), removes incomplete non-current
   * credentials, and rewrites {@code chain.pem} from the current credential's chain.
   */
  public void recover() {
    for (String id : certificateIds()) {
      Path dir = root.resolve(id);
      try {
        removeTempFiles(dir);
        Optional<String> current = currentSerial(id);
        if (current.isEmpty() || !complete(dir, current.get())) {
          LOG.warn("key store: certificate {} has no complete current credential (interrupted install or purge); removing it", id);
          purge(id);
          continue;
        }
        for (String serial : serialsWithAnyFile(dir)) {
          if (!complete(dir, serial)) {
            deleteSerialFiles(dir, serial);
          }
        }
        byte[] chain = Files.readAllBytes(dir.resolve("dc-" + current.get() + ".chain.pem"));
        Path chainFile = dir.resolve(CHAIN);
        if (!Files.exists(chainFile) || !Arrays.equals(chain, Files.readAllBytes(chainFile))) {
          writeAtomically(dir, CHAIN, chain);
        }
      } catch (IOException e) {
        throw new StoreException("cannot recover certificate " + id + " in " + root + ": " + e.getMessage(), e);
      }
    }
  }

  private boolean complete(Path dir, String serial) {
    return Files.isRegularFile(dir.resolve("dc-" + serial + ".bin"))
        && Files.isRegularFile(dir.resolve("dc-" + serial + ".key"))
        && Files.isRegularFile(dir.resolve("dc-" + serial + ".chain.pem"));
  }

  private static TreeSet<String> serialsWithAnyFile(Path dir) {
    TreeSet<String> out = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        var m = SERIAL_FILE.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(m.group(1));
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private void deleteSerialFiles(Path dir, String serial) throws IOException {
    // The key goes first: a crash after it leaves an incomplete (never served) credential.
    wipeAndDelete(dir.resolve("dc-" + serial + ".key"));
    faults.at("dc-" + serial + ".key:deleted");
    Files.deleteIfExists(dir.resolve("dc-" + serial + ".bin"));
    Files.deleteIfExists(dir.resolve("dc-" + serial + ".chain.pem"));
  }

  private void removeTempFiles(Path dir) throws IOException {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "." + "*" + TEMP_SUFFIX)) {
      for (Path p : temps) {
        wipeAndDelete(p);
      }
    }
  }

  private void writeAtomically(Path dir, String name, byte[] content) throws IOException {
    Path temp = dir.resolve("." + name + TEMP_SUFFIX);
    Files.deleteIfExists(temp);
    // Created 0600 from the start: no moment where a key is readable by others.
    Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    faults.at(name + ":temp");
    Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    faults.at(name + ":renamed");
    fsyncDirectory(dir);
  }

  /** Overwrites a file with zeros (fsynced) before unlinking it. */
  private static void wipeAndDelete(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(file);
      return;
    }
    long size = Files.size(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 64 * 1024));
      long written = 0;
      while (written < size) {
        zeros.clear();
        zeros.limit((int) Math.min(zeros.capacity(), size - written));
        written += ch.write(zeros, written);
      }
      ch.force(true);
    }
    Files.delete(file);
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
