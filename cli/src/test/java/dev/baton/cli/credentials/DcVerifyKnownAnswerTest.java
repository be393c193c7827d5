package dev.baton.cli.credentials;

import static dev.baton.cli.credentials.CommandRun.baton;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** shared/testdata/rfc9345 expected results through {@code baton dc verify}. */
class DcVerifyKnownAnswerTest {
  private static final String FIZZ_NOW = "2019-06-10T18:08:58Z";

  @TempDir Path dir;
  private Path cert;
  private Path nodeleg;
  private Path peerHex;
  private Path factoryHex;

  @BeforeEach
  void copyTestData() throws IOException {
    cert = copy("cred_cert.pem");
    nodeleg = copy("nodeleg_cert.pem");
    peerHex = copy("peer_dc.hex");
    factoryHex = copy("factory_dc.hex");
  }

  private Path copy(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/rfc9345/" + name)) {
      Path p = dir.resolve(name);
      Files.write(p, in.readAllBytes());
      return p;
    }
  }

  private byte[] peerBytes() throws IOException {
    return HexFormat.of().parseHex(Files.readString(peerHex).strip());
  }

  @Test
  void verify_peerDcAtFizzTime_printsOkAndExitsZero() {
    CommandRun run = baton("dc", "verify", "--cert", cert.toString(), "--dc", peerHex.toString(), "--now", FIZZ_NOW);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("OK ").contains("expires=2019-06-15T19:46:57Z").contains("scheme=ecdsa_secp256r1_sha256");
  }

  @Test
  void verify_factoryDcAtFizzTime_printsOkWithKnownExpiry() {
    CommandRun run = baton("dc", "verify", "--cert", cert.toString(), "--dc", factoryHex.toString(), "--now", FIZZ_NOW);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("OK ").contains("expires=2019-06-15T17:35:38Z");
  }

  @Test
  void verify_binaryAndBase64Files_giveTheSameAnswerAsHex() throws IOException {
    Path bin = Files.write(dir.resolve("peer.bin"), peerBytes());
    Path b64 = Files.writeString(dir.resolve("peer.b64"), Base64.getMimeEncoder().encodeToString(peerBytes()) + "\n");
    for (Path p : new Path[] {bin, b64}) {
      CommandRun run = baton("dc", "verify", "--cert", cert.toString(), "--dc", p.toString(), "--now", FIZZ_NOW);
      assertThat(run.exitCode()).as(p.toString()).isZero();
      assertThat(run.out()).contains("expires=2019-06-15T19:46:57Z");
    }
  }

  @Test
  void verify_peerDcWithMoreThanSevenDaysLeft_failsWithExitOne() {
    CommandRun run = baton("dc", "verify", "--cert", cert.toString(), "--dc", peerHex.toString(), "--now", "2019-06-01T00:00:00Z");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("FAIL: VALIDITY_TOO_LONG");
  }

  @Test
  void verify_peerDcAfterExpiry_failsAsExpired() {
    CommandRun run = baton("dc", "verify", "--cert", cert.toString(), "--dc", peerHex.toString(), "--now", "2019-06-16T00:00:00Z");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("FAIL: EXPIRED");
  }

  @Test
  void verify_peerDcWithEverySignatureByteFlipped_failsForSignature() throws IOException {
    byte[] dc = peerBytes();
    int signatureStart = dc.length - 0x47; // the peer DC's signature is 0x47 bytes long, at the end
    for (int i = signatureStart; i < dc.length; i++) {
      byte[] flipped = dc.clone();
      flipped[i] ^= (byte) 0x80;
      Path p = Files.write(dir.resolve("flipped.bin"), flipped);
      CommandRun run = baton("dc", "verify", "--cert", cert.toString(), "--dc", p.toString(), "--now", FIZZ_NOW);
      assertThat(run.exitCode()).as("byte %d", i).isEqualTo(1);
      assertThat(run.out()).as("byte %d", i).startsWith("FAIL: BAD_SIGNATURE");
    }
  }

  @Test
  void verify_againstCertificateWithoutDelegationUsage_failsForSignatureAndUsage() {
    CommandRun run = baton("dc", "verify", "--cert", nodeleg.toString(), "--dc", peerHex.toString(), "--now", FIZZ_NOW);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("BAD_SIGNATURE").contains("NOT_DELEGATION_CERTIFICATE").contains("DelegationUsage");
  }

  @Test
  void verify_truncatedDc_failsAsMalformed() throws IOException {
    byte[] dc = peerBytes();
    Path p = Files.write(dir.resolve("short.bin"), java.util.Arrays.copyOf(dc, dc.length - 1));
    CommandRun run = baton("dc", "verify", "--cert", cert.toString(), "--dc", p.toString(), "--now", FIZZ_NOW);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("FAIL: MALFORMED").contains("signature");
  }

  @Test
  void verify_missingFileOrBadInstant_isUsageErrorTwo() {
    assertThat(baton("dc", "verify", "--cert", cert.toString(), "--dc", dir.resolve("nope").toString()).exitCode()).isEqualTo(2);
    assertThat(baton("dc", "verify", "--cert", dir.resolve("nope.pem").toString(), "--dc", peerHex.toString()).exitCode())
        .isEqualTo(2);
    assertThat(baton("dc", "verify", "--cert", cert.toString(), "--dc", peerHex.toString(), "--now", "yesterday").exitCode())
        .isEqualTo(2);
    assertThat(baton("dc", "verify", "--dc", peerHex.toString()).exitCode()).isEqualTo(2);
  }

  @Test
  void inspect_json_showsSchemeExpiryAndSpkiFingerprint() throws IOException {
    CommandRun run = baton("dc", "inspect", "--dc", peerHex.toString(), "--cert", cert.toString(), "--json", "--now", FIZZ_NOW);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"scheme\":\"ecdsa_secp256r1_sha256\"").contains("\"expiresAt\":\"2019-06-15T19:46:57Z\"")
        .contains("\"remaining\":\"5d1h37m59s\"");
    byte[] spki = java.util.Arrays.copyOfRange(peerBytes(), 9, 9 + 0x5b);
    String expected = HexFormat.of().formatHex(sha256(spki));
    assertThat(run.out()).contains("\"spkiSha256\":\"" + expected + "\"");
    assertThat(new String(run.out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).strip()).startsWith("{").endsWith("}");
  }

  private static byte[] sha256(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
