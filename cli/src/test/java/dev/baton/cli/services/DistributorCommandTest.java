package dev.baton.cli.services;

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

class DistributorCommandTest {

  private record Run(int code, String out, String err) {}

  private static Run baton(String... args) {
    CommandLine cli = BatonCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void distributor_badSetting_exitsTwo_namingKeyAndValue(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("distributor.properties");
    Files.writeString(config, "bootstrap.servers=127.0.0.1:9092\nschema.registry.url=http://127.0.0.1:8081\n"
        + "distributor.unknown.policy=maybe\n");

    Run run = baton("distributor", "--config", config.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("distributor.unknown.policy").contains("'maybe'");
  }

  @Test
  void distributor_help_namesTheConfigOption() {
    Run run = baton("distributor", "--help");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("--config").contains("distributor.unknown.policy");
  }

  @Test
  void distributor_withoutConfigFile_readsTheEnvironment_andNamesWhatIsMissing() {
    Assumptions.assumeTrue(System.getenv("BATON_BOOTSTRAP_SERVERS") == null, "environment sets bootstrap.servers");

    Run run = baton("distributor");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("bootstrap.servers").contains("BATON_BOOTSTRAP_SERVERS");
  }
}
