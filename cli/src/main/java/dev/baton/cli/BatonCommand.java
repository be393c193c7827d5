package dev.baton.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code baton} command: operator tools and one subcommand per service. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Rolls out TLS delegated credentials (RFC 9345) over Kafka.",
    subcommands = {
      CommandLine.HelpCommand.class,
      dev.baton.cli.credentials.CertCommand.class,
      dev.baton.cli.credentials.DcCommand.class,
      dev.baton.cli.region.RegionCommand.class,
      dev.baton.cli.ops.PolicyCommand.class,
      dev.baton.cli.tools.TailCommand.class,
      dev.baton.cli.demo.DemoCommand.class,
      dev.baton.cli.services.DistributorCommand.class,
      dev.baton.cli.services.MonitorCommand.class,
      dev.baton.cli.services.EdgeAgentCommand.class,
      dev.baton.cli.services.IssuerCommand.class,
      dev.baton.cli.issuer.IssueNowCommand.class,
    })
public final class BatonCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line (also used by tests, which must not call {@code System.exit}). */
  public static CommandLine newCommandLine() {
    return new CommandLine(new BatonCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpAutoWidth(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
