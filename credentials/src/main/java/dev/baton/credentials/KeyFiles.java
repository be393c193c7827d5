package dev.baton.credentials;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Atomic file writes: a temporary file in the target directory, fsync, rename. Secret files are
 * created 0600 from the start (never world-readable, not even briefly); directories Baton creates
 * are 0700.
 */
public final class KeyFiles {
  private static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private KeyFiles() {}

  /** Writes a private key (or other secret) 0600, atomically. */
  public static void writeSecret(Path file, byte[] content) {
    write(file, content, SECRET);
  }

  /** Writes a public file 0644, atomically. */
  public static void writePublic(Path file, byte[] content) {
    write(file, content, PUBLIC);
  }

  /** Creates the directory (and missing parents) 0700 if it does not exist. */
  public static void createPrivateDirectories(Path dir) {
    requireNonNull(dir, "dir must not be null");
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, posix(DIRECTORY));
      }
    } catch (FileAlreadyExistsException e) {
      throw new UncheckedIOException(dir + " exists and is not a directory", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) {
    requireNonNull(file, "file must not be null");
    requireNonNull(content, "content must not be null");
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    createPrivateDirectories(dir);
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", posix(permissions));
      if (posix(permissions).length > 0) {
        // Created restrictive already; set again so a umask cannot leave a public file unreadable.
        Files.setPosixFilePermissions(tmp, permissions);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      moveAtomically(tmp, target);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Best effort: the temporary file holds nothing the target would not.
        }
      }
    }
  }

  private static void moveAtomically(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically in " + target.getParent(), e);
    }
    // Make the rename itself durable (Linux allows fsync on a directory; elsewhere skip it).
    try (FileChannel d = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Not supported on this platform: the data itself is already forced.
    }
  }

  private static FileAttribute<?>[] posix(Set<PosixFilePermission> permissions) {
    boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
  }
}
