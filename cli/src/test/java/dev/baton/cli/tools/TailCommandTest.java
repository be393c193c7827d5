package dev.baton.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.BatonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TailCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = BatonCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void unknownTopic_isAUsageError_listingTheKnownTopics() {
    int code = run("tail", "orders", "--bootstrap-server", "127.0.0.1:1", "--schema-registry", "mock://t");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown topic 'orders': use one of baton.credentials.issued")
        .contains("baton.region.<region>");
  }

  @Test
  void regionTopicWithInvalidRegionName_isUnknown() {
    int code = run("tail", "baton.region.EU", "--bootstrap-server", "127.0.0.1:1", "--schema-registry", "mock://t");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown topic 'baton.region.EU'");
  }

  @Test
  void maxBelowOne_isAUsageError() {
    int code = run("tail", "baton.policy", "--max", "0", "--bootstrap-server", "127.0.0.1:1",
        "--schema-registry", "mock://t");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--max must be at least 1, got 0");
  }

  @Test
  void missingBootstrapServer_isAUsageError() {
    int code = run("tail", "baton.policy", "--schema-registry", "mock://t");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--bootstrap-server");
  }

  @Test
  void tail_isListedInBatonHelp() {
    run("--help");
    assertThat(out.toString()).contains("tail");
  }
}
