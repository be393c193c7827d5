package dev.baton.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry in memory as a child process, Confluent-compatible API at {@code
 * /apis/ccompat/v7}, global compatibility BACKWARD.
 *
 * <p>Apicurio 3.x (the pinned version, Java 21+) runs on the first Java 21+ found (see {@code
 * RegistryJava}: {@code BATON_REGISTRY_JAVA}, {@code JAVA_HOME}, the system's JVM directory); with
 * none, the 2.x fallback runs on Java 17 if it was unpacked ({@code -Papicurio-fallback}). Both its
 * ports are on 127.0.0.1. Its log is {@code registry.log} in its temp dir, named in every error.
 *
 * <p>Differences from Confluent Schema Registry that callers must tolerate: responses are {@code
 * application/json}; an incompatible schema gives HTTP 409 with {@code error_code} 409.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final String API_PATH = "/apis/ccompat/v7";
  private static final int START_ATTEMPTS = 3;

  private final ChildProcess process;
  private final Path workDir;
  private final int httpPort;
  private volatile boolean closed;

  private EmbeddedSchemaRegistry(ChildProcess process, Path workDir, int httpPort) {
    this.process = process;
    this.workDir = workDir;
    this.httpPort = httpPort;
  }

  /** Starts a registry and waits until it is ready (typically 5-10 s). */
  public static EmbeddedSchemaRegistry start() {
    RegistryLaunch launch = RegistryLaunch.choose();
    for (int attempt = 1; ; attempt++) {
      try {
        return start(launch);
      } catch (PortTakenException e) {
        if (attempt == START_ATTEMPTS) {
          throw new EmbeddedStartException(e.getMessage());
        }
        LOG.warn("registry port already taken (attempt {}), retrying on new ports", attempt);
      }
    }
  }

  private static EmbeddedSchemaRegistry start(RegistryLaunch launch) {
    long started = System.nanoTime();
    Path dir = TempDirs.create("baton-registry-");
    int httpPort = Ports.free();
    int managementPort = Ports.free();
    ChildProcess child =
        ChildProcess.start(
            "apicurio-registry",
            launch.command(dir, httpPort, managementPort),
            dir,
            dir.resolve("registry.log"));
    EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(child, dir, httpPort);
    int healthPort = launch.distribution().major() >= 3 ? managementPort : httpPort;
    try {
      registry.awaitReady(URI.create("http://127.0.0.1:" + healthPort + "/health/ready"));
    } catch (RuntimeException e) {
      String tail = child.logTail(30);
      child.close(); // keep the temp dir: its log explains the failure
      if (tail.contains("Address already in use") || tail.contains("Port already bound")) {
        TempDirs.deleteQuietly(dir);
        throw new PortTakenException("registry ports taken: " + httpPort + ", " + managementPort);
      }
      throw new EmbeddedStartException(
          e.getMessage() + "; registry log: " + child.log() + "\n--- last lines ---\n" + tail, e);
    }
    LOG.info(
        "Embedded schema registry (Apicurio {} on Java {}) ready at {} in {} ms; log {}",
        launch.distribution().version(),
        launch.java().major(),
        registry.url(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        child.log());
    return registry;
  }

  /** Polls the health endpoint, then the Confluent API itself, until both answer 200. */
  private void awaitReady(URI health) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI subjects = URI.create(url() + "/subjects");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new EmbeddedStartException("the registry process exited during startup");
      }
      if (isOk(http, health) && isOk(http, subjects)) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedStartException("interrupted while waiting for the registry", e);
      }
    }
    throw new EmbeddedStartException("the registry was not ready after " + READY_TIMEOUT);
  }

  private static boolean isOk(HttpClient http, URI uri) {
    try {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code http://127.0.0.1:<port>/apis/ccompat/v7}: the value of {@code schema.registry.url}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort + API_PATH;
  }

  /** The registry's log file (inside its temp dir, deleted on close). */
  public Path logFile() {
    return process.log();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long started = System.nanoTime();
    process.close();
    TempDirs.deleteQuietly(workDir);
    LOG.info(
        "Embedded schema registry stopped in {} ms",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** The chosen distribution and the Java that runs it. */
  record RegistryLaunch(ApicurioDistribution distribution, RegistryJava java) {
    private static final int MIN_JAVA_FOR_3 = 21;
    private static final int MIN_JAVA_FOR_AUTO_CDS = 19;

    static RegistryLaunch choose() {
      ApicurioDistribution.Pinned pinned = ApicurioDistribution.Pinned.load();
      ApicurioDistribution preferred =
          ApicurioDistribution.configured()
              .or(() -> ApicurioDistribution.find(pinned.preferred()))
              .orElse(null);
      int need = preferred == null || preferred.major() >= 3 ? MIN_JAVA_FOR_3 : 17;
      RegistryJava java = RegistryJava.find(need).orElse(null);
      if (preferred != null && java != null) {
        return new RegistryLaunch(preferred, java);
      }
      ApicurioDistribution fallback = ApicurioDistribution.find(pinned.fallback()).orElse(null);
      RegistryJava java17 = RegistryJava.find(17).orElse(null);
      if (fallback != null && java17 != null) {
        return new RegistryLaunch(fallback, java17);
      }
      throw new EmbeddedStartException(missingMessage(pinned, preferred, java));
    }

    private static String missingMessage(
        ApicurioDistribution.Pinned pinned, ApicurioDistribution preferred, RegistryJava java) {
      if (preferred == null) {
        return "Apicurio Registry " + pinned.preferred() + " is not unpacked: run `mvn -B -pl embedded"
            + " generate-resources` in the repository root (it unpacks into .apicurio/), or set "
            + ApicurioDistribution.HOME_ENV + " to an unpacked apicurio-registry-app tar.gz:all";
      }
      return "Apicurio Registry " + preferred.version() + " needs Java " + MIN_JAVA_FOR_3
          + "+ and none was found (checked " + RegistryJava.ENV
          + ", JAVA_HOME, this JVM, /usr/lib/jvm): install a JDK 21+ (for example `apt-get install"
          + " openjdk-21-jdk-headless` or Temurin 21/25) or point " + RegistryJava.ENV
          + " at one; or unpack the Java 17 fallback " + pinned.fallback()
          + " with `mvn -B -pl embedded -Papicurio-fallback generate-resources`";
    }

    List<String> command(Path workDir, int httpPort, int managementPort) {
      List<String> cmd = new ArrayList<>();
      cmd.add(java.executable().toString());
      // A small, quick-starting JVM: the registry holds a handful of schemas in tests.
      cmd.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
      if (java.major() >= MIN_JAVA_FOR_AUTO_CDS) {
        // A class-data archive beside the distribution, written at the first exit and used from
        // then on, starts Quarkus noticeably faster; the JVM rebuilds it when it does not match.
        cmd.add("-XX:SharedArchiveFile=" + distribution.home().resolve("cds-java" + java.major() + ".jsa"));
        cmd.add("-XX:+AutoCreateSharedArchive");
      }
      cmd.add("-Djava.io.tmpdir=" + workDir);
      cmd.add("-Dquarkus.http.host=127.0.0.1");
      cmd.add("-Dquarkus.http.port=" + httpPort);
      // Management (health, metrics) binds 0.0.0.0:9000 by default: fixed and not loopback.
      cmd.add("-Dquarkus.management.host=127.0.0.1");
      cmd.add("-Dquarkus.management.port=" + managementPort);
      cmd.add("-Dquarkus.otel.sdk.disabled=true");
      if (distribution.major() >= 3) {
        cmd.add("-Dapicurio.rules.global.compatibility=BACKWARD");
        cmd.add("-Dapicurio.storage.snapshot.location=" + workDir);
        cmd.add("-Dapicurio.import.work-dir=" + workDir);
        cmd.add("-Dapicurio.datasource.jdbc.initial-size=2");
        cmd.add("-Dapicurio.datasource.jdbc.min-size=2");
      } else {
        cmd.add("-Dregistry.rules.global.compatibility=BACKWARD");
      }
      cmd.add("-jar");
      cmd.add(distribution.runJar().toString());
      return cmd;
    }
  }

  /** The registry could not bind a port that was free a moment earlier; a retry picks new ones. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }
}
