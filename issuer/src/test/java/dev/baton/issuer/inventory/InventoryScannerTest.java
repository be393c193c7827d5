package dev.baton.issuer.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.MutableClock;
import dev.baton.credentials.CertificateMaker;
import dev.baton.issuer.Hashes;
import dev.baton.issuer.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryScannerTest {

  private final MutableClock clock = new MutableClock(Instant.now());

  @TempDir
  Path inventory;

  private CertificateMaker.Made made(String name) {
    return TestCertificates.make(name, clock, Duration.ofDays(30));
  }

  private InventoryScanner scanner(Map<String, String> env) {
    return new InventoryScanner(inventory, env, clock);
  }

  @Test
  void scan_pemDirectory_isLoadedWithFingerprintAndNotAfter() throws Exception {
    CertificateMaker.Made www = made("www");
    TestCertificates.writePem(inventory, "www", www);

    InventoryScan scan = scanner(Map.of()).scan();

    assertThat(scan.rejected()).isEmpty();
    InventoryEntry e = scan.valid().get("www");
    assertThat(e.fingerprint()).isEqualTo(Hashes.sha256Hex(www.certificate().getEncoded()));
    assertThat(e.notAfter()).isEqualTo(www.certificate().getNotAfter().toInstant());
    assertThat(e.certificate().chain()).hasSize(2);
    assertThat(e.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void scan_p12_usesPasswordFromEnvironment_andIsRejectedWithoutIt() throws Exception {
    TestCertificates.writeP12(inventory, "api.v2", made("api"), "s3cret");

    InventoryScan withPassword = scanner(Map.of("BATON_P12_PASSWORD_API_V2", "s3cret")).scan();
    assertThat(withPassword.valid()).containsKey("api.v2");

    InventoryScan without = scanner(Map.of()).scan();
    assertThat(without.valid()).isEmpty();
    assertThat(without.rejected().get("api.v2").reason()).isEqualTo(Rejection.Reason.PASSWORD_MISSING);
    assertThat(without.rejected().get("api.v2").message()).contains("BATON_P12_PASSWORD_API_V2");

    InventoryScan wrong = scanner(Map.of("BATON_P12_PASSWORD_API_V2", "nope")).scan();
    assertThat(wrong.rejected().get("api.v2").reason()).isEqualTo(Rejection.Reason.UNREADABLE);
    assertThat(wrong.rejected().get("api.v2").message()).doesNotContain("nope");
  }

  @Test
  void scan_certificateWithoutDelegationUsage_isSkippedNotThrown() throws Exception {
    CertificateMaker.Made plain = CertificateMaker.forName("plain.example").clock(clock)
        .delegationUsage(false, false).make();
    TestCertificates.writePem(inventory, "plain", plain);
    TestCertificates.writePem(inventory, "good", made("good"));

    InventoryScan scan = scanner(Map.of()).scan();

    assertThat(scan.valid()).containsOnlyKeys("good");
    assertThat(scan.rejected().get("plain").reason()).isEqualTo(Rejection.Reason.NOT_DELEGATION_CERTIFICATE);
  }

  @Test
  void scan_keyOfAnotherCertificate_isKeyMismatch() throws Exception {
    CertificateMaker.Made a = made("a");
    CertificateMaker.Made b = made("b");
    TestCertificates.writePem(inventory, "mixed",
        new CertificateMaker.Made(a.caCertificate(), a.certificate(), b.privateKey()));

    assertThat(scanner(Map.of()).scan().rejected().get("mixed").reason()).isEqualTo(Rejection.Reason.KEY_MISMATCH);
  }

  @Test
  void scan_badEntries_areEachRejectedWithTheirReason() throws Exception {
    TestCertificates.writePem(inventory, "Upper_Case", made("u"));
    Files.createDirectories(inventory.resolve("empty"));
    Path garbage = Files.createDirectories(inventory.resolve("garbage"));
    Files.writeString(garbage.resolve("cert.pem"), "not a certificate");
    Files.writeString(garbage.resolve("key.pem"), "not a key");
    Path noKey = TestCertificates.writePem(inventory, "nokey", made("nokey"));
    Files.delete(noKey.resolve("key.pem"));
    TestCertificates.writePem(inventory, ".staging", made("staging"));

    InventoryScan scan = scanner(Map.of()).scan();

    assertThat(scan.valid()).isEmpty();
    assertThat(scan.rejected()).containsOnlyKeys("Upper_Case", "empty", "garbage", "nokey");
    assertThat(scan.rejected().get("Upper_Case").reason()).isEqualTo(Rejection.Reason.UNSAFE_ID);
    assertThat(scan.rejected().get("empty").reason()).isEqualTo(Rejection.Reason.MISSING_FILES);
    assertThat(scan.rejected().get("garbage").reason()).isEqualTo(Rejection.Reason.UNREADABLE);
    assertThat(scan.rejected().get("nokey").reason()).isEqualTo(Rejection.Reason.MISSING_FILES);
  }

  @Test
  void scan_certificateThatExpires_isRejectedOnceTimeHasPassed() throws Exception {
    TestCertificates.writePem(inventory, "short", TestCertificates.make("short", clock, Duration.ofDays(2)));
    InventoryScanner scanner = scanner(Map.of());
    assertThat(scanner.scan().valid()).containsKey("short");

    clock.advance(Duration.ofDays(3));
    InventoryScan later = scanner.scan();

    assertThat(later.valid()).isEmpty();
    assertThat(later.rejected().get("short").reason()).isEqualTo(Rejection.Reason.EXPIRED);
  }

  @Test
  void scan_picksUpAddedReplacedAndRemovedCertificates_andReportsARejectionOnce() throws Exception {
    InventoryScanner scanner = scanner(Map.of());
    TestCertificates.writePem(inventory, "a", made("a"));
    Files.createDirectories(inventory.resolve("broken"));
    InventoryScan first = scanner.scan();
    assertThat(first.valid()).containsOnlyKeys("a");
    assertThat(first.newRejections()).extracting(Rejection::id).containsExactly("broken");
    String oldFingerprint = first.valid().get("a").fingerprint();

    TestCertificates.writePem(inventory, "a", made("a"));
    TestCertificates.writePem(inventory, "b", made("b"));
    InventoryScan second = scanner.scan();
    assertThat(second.valid()).containsOnlyKeys("a", "b");
    assertThat(second.valid().get("a").fingerprint()).isNotEqualTo(oldFingerprint);
    assertThat(second.newRejections()).isEmpty();

    Files.delete(inventory.resolve("b").resolve("cert.pem"));
    Files.delete(inventory.resolve("b").resolve("key.pem"));
    Files.delete(inventory.resolve("b"));
    assertThat(scanner.scan().valid()).containsOnlyKeys("a");
  }

  @Test
  void scan_missingInventoryDirectory_isEmptyNotAnError() {
    InventoryScan scan = new InventoryScanner(inventory.resolve("nowhere"), Map.of(), clock).scan();
    assertThat(scan.valid()).isEmpty();
    assertThat(scan.rejected()).isEmpty();
  }
}
