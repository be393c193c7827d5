package dev.baton.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes demo files atomically; secrets 0600 in 0700 directories (the design's key file rule). */
final class SecureFiles {
  private SecureFiles() {}

  /** Creates the directory (and parents) and makes it 0700. */
  static Path privateDir(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir, e);
    }
  }

  /** Writes a secret: temp file 0600, then an atomic rename, in a 0700 directory. */
  static Path writeSecret(Path file, String text) {
    return write(file, text, "rw-------");
  }

  /** Writes a public file (certificates, public keys, configs): 0644, atomically. */
  static Path writePublic(Path file, String text) {
    return write(file, text, "rw-r--r--");
  }

  private static Path write(Path file, String text, String permissions) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
      return Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
