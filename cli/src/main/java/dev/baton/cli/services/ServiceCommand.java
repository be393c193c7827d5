package dev.baton.cli.services;

import dev.baton.service.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every service subcommand does: read the settings (file and environment), start the
 * service, print where it listens, and run until the process is stopped, closing it cleanly on
 * SIGTERM or Ctrl-C. Exit codes: 2 for a bad setting (the message names the key), 1 when the
 * service cannot start.
 *
 * @param <C> the service's config record
 * @param <S> the running service
 */
abstract class ServiceCommand<C, S extends AutoCloseable> implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file; optional when the environment sets everything. "
          + "BATON_<KEY> environment variables (dots and dashes as underscores) override it.")
  Path config;

  @Spec
  CommandSpec spec;

  /** Reads and validates the settings; throws {@link ConfigException} naming a bad key. */
  protected abstract C load(Path file, Map<String, String> env);

  /** Starts the service; throws a RuntimeException with an actionable message when it cannot. */
  protected abstract S start(C config);

  /** One line saying what runs and where it listens. */
  protected abstract String banner(C config, S running);

  @Override
  public final Integer call() throws InterruptedException {
    String name = spec.qualifiedName();
    C settings;
    try {
      settings = load(config, System.getenv());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println(name + ": bad configuration: " + e.getMessage());
      return ExitCode.USAGE;
    }
    AtomicReference<S> running = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      closeQuietly(running.get());
      stopped.countDown();
    }, name.replace(' ', '-') + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      running.set(start(settings));
    } catch (ConfigException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      spec.commandLine().getErr().println(name + ": bad configuration: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (RuntimeException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      spec.commandLine().getErr().println(name + ": cannot start: " + e.getMessage());
      return ExitCode.SOFTWARE;
    }
    spec.commandLine().getOut().println(banner(settings, running.get()));
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCode.OK;
  }

  private static void closeQuietly(AutoCloseable service) {
    if (service == null) {
      return;
    }
    try {
      service.close();
    } catch (Exception e) {
      System.err.println("error while stopping: " + e.getMessage());
    }
  }
}
