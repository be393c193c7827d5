package dev.baton.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs NSS's {@code tstclnt} (Debian libnss3-tools), the independent TLS client of the ITs. */
public final class Tstclnt {

  private static final int MAX_OUTPUT = 64 * 1024;

  private final Path nssDb;

  private Tstclnt(Path nssDb) {
    this.nssDb = nssDb;
  }

  /** True when tstclnt and certutil are on the PATH. */
  public static boolean available() {
    return onPath("tstclnt") && onPath("certutil");
  }

  /** Makes an NSS database in {@code dir} trusting {@code ca} for TLS servers. */
  public static Tstclnt trusting(Path dir, X509Certificate ca) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path caFile = dir.resolve("ca.der");
    try {
      Files.write(caFile, ca.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IOException(e);
    }
    run(List.of("certutil", "-N", "-d", "sql:" + dir, "--empty-password"), null);
    run(List.of("certutil", "-A", "-d", "sql:" + dir, "-n", "baton-test-ca", "-t", "C,,", "-i", caFile.toString()), null);
    return new Tstclnt(dir);
  }

  /**
   * Connects with TLS 1.3 only, sends an HTTP/1.0 GET and returns stdout+stderr.
   *
   * @param delegatedCredentials pass {@code -B} (offer the delegated_credential extension)
   * @param serverName SNI name and the name checked against the certificate
   */
  public Result connect(int port, String serverName, boolean delegatedCredentials) throws IOException, InterruptedException {
    // The request comes from a file (-A): with a closed stdin tstclnt polls it without end.
    Path request = nssDb.resolve("request.txt");
    Files.writeString(request, "GET / HTTP/1.0\r\n\r\n", StandardCharsets.US_ASCII);
    List<String> cmd = new ArrayList<>(List.of("tstclnt", "-4", "-h", "127.0.0.1", "-p", Integer.toString(port),
        "-d", "sql:" + nssDb, "-V", "tls1.3:tls1.3", "-a", serverName, "-v", "-C", "-A", request.toString()));
    if (delegatedCredentials) {
      cmd.add("-B");
    }
    return run(cmd, null);
  }

  /** The exit code and combined output of a run. */
  public record Result(int exitCode, String output) {}

  private static Result run(List<String> cmd, String stdin) throws IOException, InterruptedException {
    // Output goes to a file and is read capped: tstclnt can print without end on some failures.
    Path out = Files.createTempFile("tstclnt", ".out");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.US_ASCII));
        }
      }
      boolean finished = p.waitFor(30, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      String text;
      try (var in = Files.newInputStream(out)) {
        text = new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
      }
      Result r = new Result(finished ? p.exitValue() : -1, String.join(" ", cmd) + "\n" + text);
      if (!cmd.get(0).equals("tstclnt") && r.exitCode() != 0) {
        throw new IOException(cmd.get(0) + " failed: " + r.output());
      }
      return r;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
