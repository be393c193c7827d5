package dev.baton.cli.credentials;

import picocli.CommandLine.Command;

/** {@code baton cert}: delegation certificates for development and tests. */
@Command(name = "cert", description = "Delegation certificates.", mixinStandardHelpOptions = true,
    subcommands = {CertCreateCommand.class})
public final class CertCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
