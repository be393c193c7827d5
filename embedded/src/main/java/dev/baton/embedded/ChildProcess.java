package dev.baton.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process that never outlives this JVM: it is stopped on {@link #close()}, by a shutdown
 * hook, and, should this JVM be killed hard (SIGKILL, where no hook runs), by a small bash watchdog
 * that polls this JVM's pid and stops the child when it is gone.
 */
final class ChildProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

  /**
   * Runs "$@" in the background and waits; stops it when the parent pid ($1) disappears or on
   * TERM/INT. {@code sleep & wait} keeps the trap responsive.
   */
  private static final String WATCHDOG =
      "parent=$1; shift\n"
          + "\"$@\" & child=$!\n"
          + "trap 'kill $child 2>/dev/null; wait $child; exit 143' TERM INT\n"
          + "while kill -0 $parent 2>/dev/null && kill -0 $child 2>/dev/null; do\n"
          + "  sleep 1 & wait $!\n"
          + "done\n"
          + "kill $child 2>/dev/null\n"
          + "wait $child\n";

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread shutdownHook;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts {@code command} in {@code workDir}, its stdout and stderr going to {@code log}. */
  static ChildProcess start(String name, List<String> command, Path workDir, Path log) {
    List<String> wrapped = new ArrayList<>(List.of("bash", "-c", WATCHDOG, name));
    wrapped.add(Long.toString(ProcessHandle.current().pid()));
    wrapped.addAll(command);
    ProcessBuilder pb =
        new ProcessBuilder(wrapped)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    try {
      return new ChildProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new EmbeddedStartException("could not start " + name + ": " + String.join(" ", command), e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** The last {@code lines} lines of the log, for error messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs (or ran) stop() itself.
    }
    stop();
  }

  /** TERM to the whole tree, then KILL to whatever is still there after 30 s (a first exit writes the class-data archive). */
  private void stop() {
    // Children first, collected before the watchdog exits (its orphans would no longer show up).
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("{} (pid {}) did not stop on TERM; killing it", name, p.pid());
        p.destroyForcibly();
      }
    }
  }
}
