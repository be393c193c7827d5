package dev.baton.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.BatonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EdgeAgentCommandTest {

  @Test
  void edgeAgent_withInvalidRegion_failsNamingTheKey(@TempDir Path tmp) throws Exception {
    Path config = tmp.resolve("edge.properties");
    Files.writeString(config, "edge.datacenter=fra1\nedge.region=EU!\n");
    StringWriter err = new StringWriter();
    CommandLine cli = BatonCommand.newCommandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("edge-agent", "--config", config.toString());
    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("edge.region").contains("EU!");
  }
}
