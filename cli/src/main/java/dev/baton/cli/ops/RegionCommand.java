package dev.baton.cli.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code baton region}: region key management. */
@Command(name = "region", mixinStandardHelpOptions = true,
    description = "Manage region keys (HPKE) that seal credential private keys.",
    subcommands = {RegionPublishCommand.class})
public final class RegionCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
