package dev.baton.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path dir;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void writeSecret_createsFile0600InNew0700Directory_andLeavesNoTemporaryFile() throws IOException {
    Path key = dir.resolve("store/cert-1/dc.key");
    KeyFiles.writeSecret(key, new byte[] {1, 2, 3});
    assertThat(Files.readAllBytes(key)).containsExactly(1, 2, 3);
    assertThat(mode(key)).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("store/cert-1"))).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(key.getParent())) {
      assertThat(files).containsExactly(key);
    }
  }

  @Test
  void writeSecret_overAWorldReadableFile_replacesItWith0600() throws IOException {
    Path key = dir.resolve("dc.key");
    Files.writeString(key, "old");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    KeyFiles.writeSecret(key, new byte[] {4});
    assertThat(Files.readAllBytes(key)).containsExactly(4);
    assertThat(mode(key)).isEqualTo("rw-------");
  }

  @Test
  void writePublic_is0644() throws IOException {
    Path pub = dir.resolve("dc.bin");
    KeyFiles.writePublic(pub, new byte[] {5});
    assertThat(mode(pub)).isEqualTo("rw-r--r--");
  }
}
