package dev.baton.cli.credentials;

import static dev.baton.cli.credentials.CommandRun.baton;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.DelegationCertificate;
import dev.baton.credentials.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cert create, then dc mint, verify and inspect on its output. */
class CertAndDcCommandsTest {
  @TempDir Path dir;

  @Test
  void certCreate_writesDelegationCertificateAndKey0600() throws Exception {
    Path out = dir.resolve("certs");
    CommandRun run = baton("cert", "create", "--out", out.toString(), "--cn", "www.example.com", "--key-type", "ed25519", "--days", "30");
    assertThat(run.exitCode()).as(run.err()).isZero();
    var cert = Pem.readCertificates(out.resolve("cert.pem")).get(0);
    assertThat(DelegationCertificate.problems(cert)).isEmpty();
    assertThat(cert.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo("www.example.com"));
    assertThat(Pem.readCertificates(out.resolve("ca.pem"))).hasSize(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("key.pem")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwx------");
  }

  @Test
  void mintThenVerify_withKeyCheck_isOk() throws IOException {
    Path certs = dir.resolve("certs");
    assertThat(baton("cert", "create", "--out", certs.toString(), "--cn", "a.example").exitCode()).isZero();
    Path dc = dir.resolve("out/dc.bin");
    Path dcKey = dir.resolve("out/dc-key.pem");
    CommandRun mint = baton("dc", "mint", "--cert", certs.resolve("cert.pem").toString(), "--key", certs.resolve("key.pem").toString(),
        "--scheme", "ed25519", "--valid-for", "12h", "--out", dc.toString(), "--out-key", dcKey.toString());
    assertThat(mint.exitCode()).as(mint.err()).isZero();
    assertThat(mint.out()).contains("serial=" + DelegatedCredential.parse(Files.readAllBytes(dc)).serial());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dcKey))).isEqualTo("rw-------");

    CommandRun verify = baton("dc", "verify", "--cert", certs.resolve("cert.pem").toString(), "--dc", dc.toString(),
        "--key", dcKey.toString());
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).startsWith("OK ").contains("scheme=ed25519");

    CommandRun inspect = baton("dc", "inspect", "--dc", dc.toString());
    assertThat(inspect.exitCode()).isZero();
    assertThat(inspect.out()).contains("scheme: ed25519").contains("algorithm: ecdsa_secp256r1_sha256").doesNotContain("expiresAt");
  }

  @Test
  void verify_withAnotherDcsKey_failsKeyMismatch() throws IOException {
    Path certs = dir.resolve("certs");
    baton("cert", "create", "--out", certs.toString(), "--cn", "a.example");
    String cert = certs.resolve("cert.pem").toString();
    String key = certs.resolve("key.pem").toString();
    baton("dc", "mint", "--cert", cert, "--key", key, "--out", dir.resolve("1.bin").toString(), "--out-key", dir.resolve("1.pem").toString());
    baton("dc", "mint", "--cert", cert, "--key", key, "--out", dir.resolve("2.bin").toString(), "--out-key", dir.resolve("2.pem").toString());
    CommandRun run = baton("dc", "verify", "--cert", cert, "--dc", dir.resolve("1.bin").toString(), "--key", dir.resolve("2.pem").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("FAIL: KEY_MISMATCH");
  }

  @Test
  void mint_overSevenDaysOrRsaeScheme_isRefusedWithExitOne() {
    Path certs = dir.resolve("certs");
    baton("cert", "create", "--out", certs.toString(), "--cn", "a.example");
    String[] base = {"dc", "mint", "--cert", certs.resolve("cert.pem").toString(), "--key", certs.resolve("key.pem").toString(),
        "--out", dir.resolve("dc.bin").toString(), "--out-key", dir.resolve("dc.pem").toString()};
    CommandRun tooLong = baton(concat(base, "--valid-for", "8d"));
    assertThat(tooLong.exitCode()).isEqualTo(1);
    assertThat(tooLong.err()).contains("7 days");
    CommandRun rsae = baton(concat(base, "--scheme", "rsa_pss_rsae_sha256"));
    assertThat(rsae.exitCode()).isEqualTo(1);
    assertThat(rsae.err()).contains("rsaEncryption");
    assertThat(baton(concat(base, "--scheme", "nope")).exitCode()).isEqualTo(2);
    assertThat(baton(concat(base, "--valid-for", "soon")).exitCode()).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("dc.bin"))).isFalse();
  }

  @Test
  void mint_fromRsaCertificate_warnsAboutNss() {
    baton("cert", "create", "--out", dir.resolve("rsa").toString(), "--cn", "rsa.example", "--key-type", "rsa2048");
    CommandRun run = baton("dc", "mint", "--cert", dir.resolve("rsa/cert.pem").toString(), "--key", dir.resolve("rsa/key.pem").toString(),
        "--out", dir.resolve("dc.bin").toString(), "--out-key", dir.resolve("dc.pem").toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("algorithm=rsa_pss_rsae_sha256");
    assertThat(run.err()).contains("warning").contains("NSS");
  }

  @Test
  void mint_withAnotherCertificatesKey_isRefused() {
    baton("cert", "create", "--out", dir.resolve("a").toString(), "--cn", "a.example");
    baton("cert", "create", "--out", dir.resolve("b").toString(), "--cn", "b.example");
    CommandRun run = baton("dc", "mint", "--cert", dir.resolve("a/cert.pem").toString(), "--key", dir.resolve("b/key.pem").toString(),
        "--out", dir.resolve("dc.bin").toString(), "--out-key", dir.resolve("dc.pem").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("not the key of certificate");
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
