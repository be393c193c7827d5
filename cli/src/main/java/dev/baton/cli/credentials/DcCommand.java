package dev.baton.cli.credentials;

import picocli.CommandLine.Command;

/** {@code baton dc}: mint, verify and inspect delegated credentials (RFC 9345). */
@Command(name = "dc", description = "Delegated credentials (RFC 9345).", mixinStandardHelpOptions = true,
    subcommands = {DcMintCommand.class, DcVerifyCommand.class, DcInspectCommand.class})
public final class DcCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
