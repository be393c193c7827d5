package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.credentials.DelegationCertificate;
import dev.baton.credentials.Pem;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.credentials.seal.RegionPublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoWorldTest {
  @TempDir
  Path dir;

  private DemoPlan plan(Path state) {
    return DemoPlan.of(null, Duration.ofMinutes(10), 2, "eu:fra1,us:iad1", null, state);
  }

  @Test
  void create_makesDelegationCertificatesUnderOneCa() throws Exception {
    DemoWorld w = DemoWorld.create(plan(dir.resolve("state")), Instant.now());
    X509Certificate ca = Pem.readCertificates(w.caCertificate()).get(0);
    for (String id : new String[] {"cert-1", "cert-2"}) {
      X509Certificate leaf = Pem.readCertificates(w.inventory().resolve(id).resolve("cert.pem")).get(0);
      leaf.verify(ca.getPublicKey());
      assertThat(DelegationCertificate.problems(leaf)).isEmpty();
      assertThat(leaf.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo(id + ".demo.baton.test"));
      Path key = w.inventory().resolve(id).resolve("key.pem");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
      assertThat(Pem.readPrivateKey(key).getAlgorithm()).isEqualTo("EC");
    }
  }

  @Test
  void create_makesOneKeyPairPerRegion_privateKeys0600() throws Exception {
    DemoWorld w = DemoWorld.create(plan(dir.resolve("state")), Instant.now());
    for (String region : new String[] {"eu", "us"}) {
      RegionKeyPair pair = RegionKeyPair.parsePrivatePem(Files.readString(w.regionPrivateKey(region)));
      RegionPublicKey pub = RegionPublicKey.parsePem(Files.readString(w.regionPublicKey(region)));
      assertThat(pair.publicKey().keyId()).isEqualTo(pub.keyId());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(w.regionPrivateKey(region))))
          .isEqualTo("rw-------");
    }
    assertThat(w.keyStore(new Datacenter("us", "iad1"))).isDirectory();
  }

  @Test
  void create_wipesAPreviousDemo_butRefusesAForeignDirectory() throws Exception {
    Path state = dir.resolve("state");
    DemoWorld.create(plan(state), Instant.now());
    Files.writeString(state.resolve("leftover"), "x");
    DemoWorld.create(plan(state), Instant.now());
    assertThat(state.resolve("leftover")).doesNotExist();

    Path foreign = Files.createDirectories(dir.resolve("home"));
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> DemoWorld.create(plan(foreign), Instant.now())).hasMessageContaining("not empty");
    assertThat(foreign.resolve("notes.txt")).exists();
  }
}
