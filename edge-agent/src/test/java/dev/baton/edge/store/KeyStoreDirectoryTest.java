package dev.baton.edge.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreDirectoryTest {

  static final String OLD = "0123456789abcdef0123456789abcdef";
  static final String NEW = "fedcba9876543210fedcba9876543210";

  static StoredCredential credential(String serial, String chain) {
    return new StoredCredential("web", serial, ("CHAIN " + chain).getBytes(US_ASCII), ("DC " + serial).getBytes(US_ASCII),
        ("-----BEGIN PRIVATE KEY-----\n" + serial + "\n-----END PRIVATE KEY-----\n").getBytes(US_ASCII));
  }

  /** A simulated crash: the process dies at a point, leaving the disk as it is. */
  static final class Crash extends IOException {
    private static final long serialVersionUID = 1L;

    Crash(String point) {
      super("crash at " + point);
    }
  }

  @Test
  void install_writesLayoutWithPrivatePermissions(@TempDir Path tmp) throws IOException {
    KeyStoreDirectory store = new KeyStoreDirectory(tmp.resolve("store"));
    store.install(credential(NEW, "b"));
    Path dir = tmp.resolve("store/web");
    assertThat(Files.readString(dir.resolve("current")).trim()).isEqualTo(NEW);
    assertThat(Files.readString(dir.resolve("chain.pem"))).isEqualTo("CHAIN b");
    assertThat(dir.resolve("dc-" + NEW + ".bin")).hasContent("DC " + NEW);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dc-" + NEW + ".key")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("store")))).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void install_sameSerialAgain_rewritesNothing(@TempDir Path tmp) throws IOException {
    List<String> points = new ArrayList<>();
    KeyStoreDirectory store = new KeyStoreDirectory(tmp, points::add);
    store.install(credential(NEW, "b"));
    points.clear();
    store.install(credential(NEW, "b"));
    assertThat(points).isEmpty();
    assertThat(store.currentSerial("web")).contains(NEW);
  }

  @Test
  void install_keepsPreviousCredentialUntilDeleted(@TempDir Path tmp) {
    KeyStoreDirectory store = new KeyStoreDirectory(tmp);
    store.install(credential(OLD, "a"));
    store.install(credential(NEW, "b"));
    assertThat(store.serials("web")).containsExactlyInAnyOrder(OLD, NEW);
    assertThat(store.read("web", OLD).chainPem()).isEqualTo("CHAIN a".getBytes(US_ASCII));
    store.deleteCredential("web", OLD);
    assertThat(store.serials("web")).containsExactly(NEW);
    assertThatThrownBy(() -> store.deleteCredential("web", NEW)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void crashAtAnyInstallStep_recoversToOldOrNewNeverTorn(@TempDir Path tmp) throws IOException {
    List<String> points = new ArrayList<>();
    KeyStoreDirectory probe = new KeyStoreDirectory(tmp.resolve("probe"));
    probe.install(credential(OLD, "a"));
    new KeyStoreDirectory(tmp.resolve("probe"), points::add).install(credential(NEW, "b"));
    assertThat(points).hasSizeGreaterThanOrEqualTo(10);

    for (int i = 0; i < points.size(); i++) {
      String crashPoint = points.get(i);
      Path root = tmp.resolve("crash-" + i);
      new KeyStoreDirectory(root).install(credential(OLD, "a"));
      KeyStoreDirectory crashing = new KeyStoreDirectory(root, p -> {
        if (p.equals(crashPoint)) {
          throw new Crash(p);
        }
      });
      assertThatThrownBy(() -> crashing.install(credential(NEW, "b"))).isInstanceOf(StoreException.class);

      KeyStoreDirectory restarted = new KeyStoreDirectory(root);
      restarted.recover();
      String current = restarted.currentSerial("web").orElseThrow();
      assertThat(current).as("after a crash at %s", crashPoint).isIn(OLD, NEW);
      StoredCredential c = restarted.read("web", current);
      assertThat(c).as("after a crash at %s", crashPoint).isEqualTo(credential(current, current.equals(OLD) ? "a" : "b"));
      assertThat(Files.readAllBytes(root.resolve("web/chain.pem"))).as("chain.pem after %s", crashPoint).isEqualTo(c.chainPem());
      try (Stream<Path> files = Files.list(root.resolve("web"))) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
      }
    }
  }

  @Test
  void crashDuringFirstInstall_recoversToNothing(@TempDir Path tmp) {
    KeyStoreDirectory crashing = new KeyStoreDirectory(tmp, p -> {
      if (p.equals("current:temp")) {
        throw new Crash(p);
      }
    });
    assertThatThrownBy(() -> crashing.install(credential(NEW, "b"))).isInstanceOf(StoreException.class);
    KeyStoreDirectory restarted = new KeyStoreDirectory(tmp);
    restarted.recover();
    assertThat(restarted.certificateIds()).isEmpty();
  }

  @Test
  void purge_overwritesAndRemovesEverything_evenAfterACrashMidway(@TempDir Path tmp) {
    KeyStoreDirectory store = new KeyStoreDirectory(tmp);
    store.install(credential(OLD, "a"));
    store.install(credential(NEW, "b"));
    KeyStoreDirectory crashing = new KeyStoreDirectory(tmp, p -> {
      if (p.equals("dc-" + OLD + ".key:deleted")) {
        throw new Crash(p);
      }
    });
    assertThatThrownBy(() -> crashing.purge("web")).isInstanceOf(StoreException.class);
    KeyStoreDirectory restarted = new KeyStoreDirectory(tmp);
    assertThat(restarted.currentSerial("web")).isEmpty();
    restarted.recover();
    assertThat(restarted.certificateIds()).isEmpty();
    assertThat(tmp.resolve("web")).doesNotExist();
  }

  @Test
  void invalidNames_areRefused() {
    assertThatThrownBy(() -> KeyStoreDirectory.requireValidCertificateId("../etc")).hasMessageContaining("../etc");
    assertThatThrownBy(() -> KeyStoreDirectory.requireValidCertificateId(".hidden")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyStoreDirectory.requireValidSerial("ABC")).hasMessageContaining("32 lowercase hex");
  }
}
