package dev.baton.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An unpacked Apicurio Registry distribution: 3.x has {@code quarkus-run.jar} (fast-jar layout),
 * 2.x {@code apicurio-registry-app-<version>-runner.jar} beside its {@code lib/}.
 *
 * <p>Found, in this order, at the system property {@code baton.apicurio.home}, the environment
 * variable {@code BATON_APICURIO_HOME}, or {@code .apicurio/<version>} in the working directory, the
 * directory of this code (the repository's build output or the shaded jar) or one of their parents,
 * where the build unpacks it.
 */
record ApicurioDistribution(Path home, String version, int major) {
  static final String HOME_PROPERTY = "baton.apicurio.home";
  static final String HOME_ENV = "BATON_APICURIO_HOME";
  private static final Pattern APP_JAR =
      Pattern.compile("^apicurio-registry-app-(\\d+\\.[^/]*?)(?:-runner)?\\.jar$");

  /** Versions the build pins: the preferred one (Java 21+) and the Java 17 fallback. */
  record Pinned(String preferred, String fallback) {
    static Pinned load() {
      Properties p = new Properties();
      try (InputStream in = ApicurioDistribution.class.getResourceAsStream("apicurio.properties")) {
        if (in == null) {
          throw new IllegalStateException("apicurio.properties missing from the embedded module");
        }
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Pinned(p.getProperty("version"), p.getProperty("fallback.version"));
    }
  }

  Path runJar() {
    return runJar(home).orElseThrow();
  }

  /** The jar to run with {@code java -jar}, if {@code home} is a distribution. */
  static Optional<Path> runJar(Path home) {
    Path fastJar = home.resolve("quarkus-run.jar");
    if (Files.isRegularFile(fastJar)) {
      return Optional.of(fastJar);
    }
    try (Stream<Path> files = list(home)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst();
    }
  }

  /** The explicitly configured distribution, if any (a bad path is an error, not a skip). */
  static Optional<ApicurioDistribution> configured() {
    String explicit = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENV));
    if (explicit == null || explicit.isBlank()) {
      return Optional.empty();
    }
    Path home = Path.of(explicit).toAbsolutePath();
    if (runJar(home).isEmpty()) {
      throw new EmbeddedStartException(
          HOME_PROPERTY + "/" + HOME_ENV + " is " + explicit
              + ", which has no quarkus-run.jar or *-runner.jar: point it at an unpacked"
              + " io.apicurio:apicurio-registry-app:<version>:tar.gz:all");
    }
    return Optional.of(of(home));
  }

  /** The unpacked distribution of {@code version} under a {@code .apicurio} folder, if any. */
  static Optional<ApicurioDistribution> find(String version) {
    for (Path start : searchStarts()) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Path home = dir.resolve(".apicurio").resolve(version);
        if (runJar(home).isPresent()) {
          return Optional.of(new ApicurioDistribution(home, version, majorOf(version)));
        }
      }
    }
    return Optional.empty();
  }

  static List<Path> searchStarts() {
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of(System.getProperty("user.dir")).toAbsolutePath());
    try {
      starts.add(
          Path.of(ApicurioDistribution.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toAbsolutePath());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // No code location (unusual class loader): the working directory is enough.
    }
    return starts;
  }

  private static ApicurioDistribution of(Path home) {
    try (Stream<Path> files =
        Stream.of(home, home.resolve("app"), home.resolve("lib/main")).flatMap(ApicurioDistribution::list)) {
      Optional<String> version =
          files
              .map(f -> APP_JAR.matcher(f.getFileName().toString()))
              .filter(Matcher::find)
              .map(m -> m.group(1))
              .findFirst();
      String v = version.orElse(home.getFileName().toString());
      return new ApicurioDistribution(home, v, majorOf(v));
    }
  }

  private static Stream<Path> list(Path dir) {
    try {
      return Files.isDirectory(dir) ? Files.list(dir) : Stream.empty();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  /** The leading number of a version; 3 when it has none (the current line). */
  static int majorOf(String version) {
    Matcher m = Pattern.compile("^(\\d+)").matcher(version);
    return m.find() ? Integer.parseInt(m.group(1)) : 3;
  }
}
