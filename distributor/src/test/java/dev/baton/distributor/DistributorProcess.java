package dev.baton.distributor;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A distributor in a JVM of its own, so {@link DistributorIT} can kill it with SIGKILL: no close,
 * no commit, an open transaction left behind. SIGTERM closes it cleanly through the shutdown hook.
 */
public final class DistributorProcess {

  /** Printed once the distributor is started. */
  static final String STARTED = "distributor-process started";

  private DistributorProcess() {}

  public static void main(String[] args) throws InterruptedException {
    Distributor distributor = new Distributor(DistributorConfig.load(Path.of(args[0]), Map.of()));
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      distributor.close();
      closed.countDown();
    }, "distributor-process-shutdown"));
    distributor.start();
    System.out.println(STARTED);
    closed.await();
  }
}
