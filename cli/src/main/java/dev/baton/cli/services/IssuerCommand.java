package dev.baton.cli.services;

import dev.baton.issuer.Issuer;
import dev.baton.issuer.IssuerConfig;
import dev.baton.service.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton issuer --config FILE}: runs the issuer service until the process is stopped. */
@Command(name = "issuer", mixinStandardHelpOptions = true,
    description = {"Runs the issuer: keeps a fresh delegated credential for every (certificate, region) pair on Kafka.",
        "Settings come from the file, each overridable by BATON_<KEY> (dots as underscores)."})
public final class IssuerCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file (optional: environment only).")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    IssuerConfig settings;
    try {
      settings = IssuerConfig.load(config, System.getenv());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Issuer issuer = new Issuer(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      issuer.close();
      stopped.countDown();
    }, "baton-issuer-shutdown"));
    issuer.start();
    stopped.await();
    return CommandLine.ExitCode.OK;
  }
}
