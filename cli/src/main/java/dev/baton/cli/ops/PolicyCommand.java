package dev.baton.cli.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code baton policy}: geo policy per certificate. */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Set or show which regions may hold each certificate's credentials.",
    subcommands = {PolicySetCommand.class, PolicyShowCommand.class})
public final class PolicyCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
