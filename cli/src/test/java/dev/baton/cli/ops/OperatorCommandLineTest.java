package dev.baton.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.BatonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator commands' argument handling, without Kafka (nothing here reaches a broker). */
class OperatorCommandLineTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = BatonCommand.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void policySet_withoutRegions_isAUsageError() {
    assertThat(run("policy", "set", "--certificate", "c1", "--bootstrap-server", "127.0.0.1:1",
        "--schema-registry", "http://127.0.0.1:1")).isEqualTo(2);
    assertThat(err.toString()).contains("--regions");
  }

  @Test
  void policySet_invalidRegion_failsBeforeContactingKafka() {
    // Port 1 on loopback: if the command tried Kafka first, this would hang until a timeout.
    assertThat(run("policy", "set", "--certificate", "c1", "--regions", "eu,Mars!",
        "--bootstrap-server", "127.0.0.1:1", "--schema-registry", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(err.toString()).contains("invalid region name 'Mars!'");
  }

  @Test
  void policyShow_withoutBootstrapServer_namesTheMissingOption() {
    // The environment of the test run may set BATON_BOOTSTRAP_SERVERS; only assert when it does not.
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("BATON_BOOTSTRAP_SERVERS") == null);
    assertThat(run("policy", "show", "--schema-registry", "http://127.0.0.1:1")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing --bootstrap-server");
  }

  @Test
  void regionPublish_privateKeyFile_isRefusedWithoutEchoingIt(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("eu.key.pem");
    String secret = "MC4CAQAwBQYDK2VuBCIEIFakeSecretBytesThatMustNotBePrinted00000000";
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n");
    assertThat(run("region", "publish", "--region", "eu", "--public-key", key.toString(),
        "--bootstrap-server", "127.0.0.1:1", "--schema-registry", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(err.toString()).contains("holds a private key").doesNotContain(secret);
  }

  @Test
  void regionPublish_invalidRegion_isRejected(@TempDir Path dir) {
    assertThat(run("region", "publish", "--region", "EU", "--public-key", dir.resolve("x.pem").toString(),
        "--bootstrap-server", "127.0.0.1:1", "--schema-registry", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(err.toString()).contains("invalid region name 'EU'");
  }
}
