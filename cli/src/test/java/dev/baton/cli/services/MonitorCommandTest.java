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

class MonitorCommandTest {

  @TempDir
  Path dir;

  @Test
  void monitor_withAConfigLackingTheBroker_exits2NamingTheKey() throws Exception {
    Path config = dir.resolve("monitor.properties");
    Files.writeString(config, "schema.registry.url=http://127.0.0.1:8081\nmonitor.heartbeat.interval=30s\n");
    StringWriter err = new StringWriter();
    CommandLine cli = BatonCommand.newCommandLine();
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute("monitor", "--config", config.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("bootstrap.servers");
  }

  @Test
  void monitor_isListedAmongTheSubcommands() {
    assertThat(BatonCommand.newCommandLine().getSubcommands()).containsKey("monitor");
  }
}
