package dev.baton.cli.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.BatonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IssueNowCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = BatonCommand.newCommandLine();
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void unsafeCertificateId_isAUsageError() {
    assertThat(run("issue-now", "--certificate", "../etc")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--certificate '../etc'");
  }

  @Test
  void invalidRegion_isAUsageErrorNamingTheOption() {
    assertThat(run("issue-now", "--certificate", "www", "--region", "EU West")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--region").contains("EU West");
  }

  @Test
  void missingRegistryUrl_namesTheOptionAndItsEnvironmentVariable() {
    Assumptions.assumeTrue(System.getenv("BATON_SCHEMA_REGISTRY_URL") == null, "environment sets the registry");
    assertThat(run("issue-now", "--certificate", "www", "--bootstrap-server", "127.0.0.1:1"))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--schema-registry").contains("BATON_SCHEMA_REGISTRY_URL");
  }

  @Test
  void issuerCommand_isRegistered_andABadConfigIsAUsageError(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("issuer.properties"),
        "bootstrap.servers=127.0.0.1:1\nschema.registry.url=http://127.0.0.1:1\nissuer.inventory.dir=/x\n"
            + "issuer.credential.lifetime=30d\n");
    assertThat(run("issuer", "--config", config.toString())).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("issuer.credential.lifetime").contains("30d");
  }
}
