package dev.baton.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.credentials.MintedCredential;
import dev.baton.edge.store.InstalledCredentials;
import dev.baton.edge.tls.TlsEndpoint;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent proof at the TLS layer: NSS's tstclnt (Firefox's TLS library) accepts the
 * delegated credential the edge serves. Output of every run is kept in target/tstclnt/.
 */
@ExtendWith(EmbeddedStackExtension.class)
class TstclntIT {

  static final Path REPORT_DIR = Path.of("target", "tstclnt");

  @BeforeAll
  static void requireTstclnt() {
    if (!Tstclnt.available()) {
      System.err.println("\n*** SKIPPING tstclnt ITs: NSS tstclnt/certutil not on PATH (apt-get install libnss3-tools) ***\n");
    }
    Assumptions.assumeTrue(Tstclnt.available(), "tstclnt not installed (libnss3-tools)");
  }

  @Test
  void tstclnt_withDelegatedCredentials_acceptsP256CredentialUnderP384Certificate(@TempDir Path tmp, TestInfo info) throws Exception {
    EdgeFixture fx = new EdgeFixture("tstclnt", Clock.systemUTC());
    EdgeFixture.Delegation d = fx.delegation("edge.example.test");
    MintedCredential m = fx.mint(d, Duration.ofHours(24));
    InstalledCredentials held = new InstalledCredentials(Map.of("web", List.of(EdgeFixture.installed("web", d, m))));
    try (TlsEndpoint tls = TlsEndpoint.start("fra1", "127.0.0.1", 0, 2, () -> held, Clock.systemUTC())) {
      Tstclnt.Result r = Tstclnt.trusting(tmp.resolve("nssdb"), fx.ca()).connect(tls.port(), "edge.example.test", true);
      save(info, r);
      assertThat(r.output()).contains("Received a Delegated Credential").contains("Server Auth: 256-bit")
          .contains("serial=" + m.credential().serial()).contains("datacenter=fra1");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void tstclnt_withoutDelegatedCredentials_isRefusedWithHandshakeFailure(@TempDir Path tmp, TestInfo info) throws Exception {
    EdgeFixture fx = new EdgeFixture("tstclnt", Clock.systemUTC());
    EdgeFixture.Delegation d = fx.delegation("edge.example.test");
    InstalledCredentials held = new InstalledCredentials(
        Map.of("web", List.of(EdgeFixture.installed("web", d, fx.mint(d, Duration.ofHours(24))))));
    try (TlsEndpoint tls = TlsEndpoint.start("fra1", "127.0.0.1", 0, 2, () -> held, Clock.systemUTC())) {
      Tstclnt.Result r = Tstclnt.trusting(tmp.resolve("nssdb"), fx.ca()).connect(tls.port(), "edge.example.test", false);
      save(info, r);
      assertThat(r.output()).containsIgnoringCase("handshake").doesNotContain("Received a Delegated Credential");
      assertThat(r.exitCode()).isNotZero();
    }
  }

  @Test
  void tstclnt_serverName_selectsTheCertificateWithThatSan(@TempDir Path tmp, TestInfo info) throws Exception {
    EdgeFixture fx = new EdgeFixture("tstclnt", Clock.systemUTC());
    EdgeFixture.Delegation a = fx.delegation("a.example.test");
    EdgeFixture.Delegation b = fx.delegation("*.b.example.test");
    MintedCredential mb = fx.mint(b, Duration.ofHours(24));
    InstalledCredentials held = new InstalledCredentials(Map.of(
        "cert-a", List.of(EdgeFixture.installed("cert-a", a, fx.mint(a, Duration.ofHours(24)))),
        "cert-b", List.of(EdgeFixture.installed("cert-b", b, mb))));
    try (TlsEndpoint tls = TlsEndpoint.start("fra1", "127.0.0.1", 0, 2, () -> held, Clock.systemUTC())) {
      Tstclnt.Result r = Tstclnt.trusting(tmp.resolve("nssdb"), fx.ca()).connect(tls.port(), "www.b.example.test", true);
      save(info, r);
      assertThat(r.output()).contains("Received a Delegated Credential").contains("certificate=cert-b")
          .contains("serial=" + mb.credential().serial());
    }
  }

  static void save(TestInfo info, Tstclnt.Result r) throws Exception {
    Files.createDirectories(REPORT_DIR);
    String name = info.getTestMethod().map(m -> m.getName()).orElse("tstclnt");
    Files.writeString(REPORT_DIR.resolve(name + ".txt"), "exit=" + r.exitCode() + "\n" + r.output(), StandardCharsets.UTF_8);
    System.out.println("---- tstclnt (" + name + ") ----\n" + r.output());
  }
}
