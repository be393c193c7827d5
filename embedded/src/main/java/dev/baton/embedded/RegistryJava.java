package dev.baton.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Java runtime for the registry's child process: Apicurio 3.x needs Java 21+, while the build
 * itself runs on Java 17.
 *
 * <p>Looked for in this order: system property {@code baton.registry.java} or environment variable
 * {@code BATON_REGISTRY_JAVA} (a JDK home or its {@code bin/java}), {@code JAVA_HOME}, the running
 * JVM, then the system's JVM directories (newest first).
 */
record RegistryJava(Path executable, int major) {
  static final String PROPERTY = "baton.registry.java";
  static final String ENV = "BATON_REGISTRY_JAVA";
  private static final List<Path> JVM_DIRS =
      List.of(
          Path.of("/usr/lib/jvm"),
          Path.of("/usr/java"),
          Path.of("/opt/java"),
          Path.of("/Library/Java/JavaVirtualMachines"));
  private static final Pattern RELEASE_VERSION = Pattern.compile("^\"?(?:1\\.)?(\\d+)");

  /** The explicitly configured runtime, if any (a bad path is an error, not a skip). */
  static Optional<RegistryJava> configured() {
    String explicit = System.getProperty(PROPERTY, System.getenv(ENV));
    if (explicit == null || explicit.isBlank()) {
      return Optional.empty();
    }
    Optional<RegistryJava> java = at(Path.of(explicit));
    if (java.isEmpty()) {
      throw new EmbeddedStartException(
          PROPERTY + "/" + ENV + " is " + explicit
              + ", which is neither a JDK home with a release file nor its bin/java");
    }
    return java;
  }

  /** The first runtime of at least {@code minMajor}, the explicit one (if set) first. */
  static Optional<RegistryJava> find(int minMajor) {
    Optional<RegistryJava> explicit = configured();
    if (explicit.isPresent()) {
      return explicit.filter(j -> j.major >= minMajor);
    }
    List<RegistryJava> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("JAVA_HOME")).flatMap(h -> at(Path.of(h))).ifPresent(candidates::add);
    at(Path.of(System.getProperty("java.home"))).ifPresent(candidates::add);
    candidates.addAll(installed());
    return candidates.stream().filter(j -> j.major >= minMajor).findFirst();
  }

  /** JDKs in the usual system directories, newest first. */
  private static List<RegistryJava> installed() {
    List<RegistryJava> found = new ArrayList<>();
    for (Path dir : JVM_DIRS) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> homes = Files.list(dir)) {
        homes
            .map(h -> Files.isDirectory(h.resolve("Contents/Home")) ? h.resolve("Contents/Home") : h)
            .map(RegistryJava::at)
            .flatMap(Optional::stream)
            .forEach(found::add);
      } catch (IOException e) {
        // An unreadable directory holds no usable JDK for us.
      }
    }
    found.sort(Comparator.comparingInt(RegistryJava::major).reversed());
    return found;
  }

  /** The runtime at {@code path}: a JDK home or a {@code bin/java} inside one. */
  static Optional<RegistryJava> at(Path path) {
    Path home = path.endsWith(Path.of("bin", "java")) ? path.getParent().getParent() : path;
    Path executable = home.resolve("bin").resolve("java");
    if (!Files.isExecutable(executable)) {
      return Optional.empty();
    }
    return releaseMajor(home).map(major -> new RegistryJava(executable.toAbsolutePath(), major));
  }

  private static Optional<Integer> releaseMajor(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(release)) {
      p.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    String version = p.getProperty("JAVA_VERSION");
    if (version == null) {
      return Optional.empty();
    }
    Matcher m = RELEASE_VERSION.matcher(version);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }
}
