package dev.baton.cli;

import dev.baton.cli.kafka.KafkaCommandException;
import dev.baton.service.KafkaSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the operator commands that talk to Kafka: the shared {@link KafkaOptions}, and failures
 * reported as one line on stderr with exit status 1 instead of a stack trace.
 */
public abstract class KafkaCommand implements Callable<Integer> {

  @Spec
  protected CommandSpec spec;

  @Mixin
  protected KafkaOptions kafka;

  @Override
  public final Integer call() {
    KafkaSettings settings = kafka.settings();
    try {
      return run(settings, spec.commandLine().getOut());
    } catch (KafkaCommandException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    } finally {
      spec.commandLine().getOut().flush();
    }
  }

  /** Does the command's work; returns the exit status. */
  protected abstract int run(KafkaSettings settings, PrintWriter out);
}
