package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.BatonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * Runs {@code baton} operator commands in this process exactly as a user would type them (same
 * command classes, same parsing), and shows each command line and its output: the demo teaches
 * the commands while it uses them.
 */
final class OperatorConsole {
  private final List<String> connection;
  private final Consumer<String> say;

  /**
   * @param bootstrapServers added to each command as {@code --bootstrap-server}
   * @param schemaRegistryUrl added as {@code --schema-registry}
   * @param say where command lines and their output go
   */
  OperatorConsole(String bootstrapServers, String schemaRegistryUrl, Consumer<String> say) {
    this.connection = List.of("--bootstrap-server", requireNonNull(bootstrapServers, "bootstrapServers must not be null"),
        "--schema-registry", requireNonNull(schemaRegistryUrl, "schemaRegistryUrl must not be null"));
    this.say = requireNonNull(say, "say must not be null");
  }

  /**
   * Runs {@code baton <args> --bootstrap-server .. --schema-registry ..}.
   *
   * @throws IllegalStateException when the command fails, with its error output
   */
  void baton(String... args) {
    say.accept("$ baton " + String.join(" ", args));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(connection);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = BatonCommand.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(all.toArray(String[]::new));
    out.toString().lines().forEach(line -> say.accept("  " + line));
    if (code != 0) {
      throw new IllegalStateException("baton " + String.join(" ", args) + " failed (exit " + code + "): " + err.toString().strip());
    }
  }
}
