package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.BatonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  @Test
  void batonHelp_listsDemo_andDemoHelpStartsNothing() {
    StringWriter out = new StringWriter();
    CommandLine cli = BatonCommand.newCommandLine().setOut(new PrintWriter(out));

    int top = cli.execute("--help");
    int demo = cli.execute("demo", "--help");

    assertThat(top).isZero();
    assertThat(demo).isZero();
    assertThat(out.toString()).contains("demo").contains("Ctrl-C");
  }
}
