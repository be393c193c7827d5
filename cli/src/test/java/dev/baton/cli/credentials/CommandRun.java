package dev.baton.cli.credentials;

import dev.baton.cli.BatonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code baton ...} in-process and captures exit code, stdout and stderr. */
public record CommandRun(int exitCode, String out, String err) {
  public static CommandRun baton(String... args) {
    CommandLine cli = BatonCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }
}
