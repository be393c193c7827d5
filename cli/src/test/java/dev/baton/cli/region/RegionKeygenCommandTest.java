package dev.baton.cli.region;

import static dev.baton.cli.credentials.CommandRun.baton;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.credentials.CommandRun;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.credentials.seal.RegionPublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionKeygenCommandTest {
  @TempDir Path dir;

  @Test
  void keygen_writesMatchingPemPair_privateKey0600() throws IOException {
    CommandRun run = baton("region", "keygen", "--region", "eu", "--out", dir.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    RegionKeyPair pair = RegionKeyPair.parsePrivatePem(Files.readString(dir.resolve("eu.key.pem")));
    RegionPublicKey pub = RegionPublicKey.parsePem(Files.readString(dir.resolve("eu.pub.pem")));
    assertThat(pair.publicKey()).isEqualTo(pub);
    assertThat(run.out()).contains(pub.keyId()).doesNotContain(pair.encodePrivatePem().lines().skip(1).findFirst().orElseThrow());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("eu.key.pem")))).isEqualTo("rw-------");
  }

  @Test
  void keygen_existingKeyWithoutForce_isRefused_andBadRegionIsUsageError() throws IOException {
    assertThat(baton("region", "keygen", "--region", "eu", "--out", dir.toString()).exitCode()).isZero();
    String before = Files.readString(dir.resolve("eu.key.pem"));
    assertThat(baton("region", "keygen", "--region", "eu", "--out", dir.toString()).exitCode()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("eu.key.pem"))).isEqualTo(before);
    assertThat(baton("region", "keygen", "--region", "eu", "--out", dir.toString(), "--force").exitCode()).isZero();
    assertThat(Files.readString(dir.resolve("eu.key.pem"))).isNotEqualTo(before);
    assertThat(baton("region", "keygen", "--region", "EU!", "--out", dir.toString()).exitCode()).isEqualTo(2);
  }
}
