package dev.baton.cli.region;

import picocli.CommandLine.Command;

/** {@code baton region}: region HPKE keys. */
@Command(name = "region", description = "Region HPKE keys.", mixinStandardHelpOptions = true,
    subcommands = {RegionKeygenCommand.class})
public final class RegionCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
