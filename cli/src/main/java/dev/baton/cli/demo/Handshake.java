package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS 1.3 handshake against an edge with a client that offers {@code delegated_credential}:
 * NSS's {@code tstclnt -B} (the TLS library of Firefox) when it is on the PATH. It trusts only the
 * demo CA, so a success also proves the chain.
 */
public final class Handshake {
  private static final int MAX_OUTPUT = 64 * 1024;
  private static final long TIMEOUT_SECONDS = 30;
  private static final Pattern SCHEME = Pattern.compile("Signature Scheme: (\\S+)");
  private static final Pattern SERVER_AUTH = Pattern.compile("Server Auth: (\\d+)-bit");
  private static final Pattern SERIAL = Pattern.compile("\\b([0-9a-f]{32})\\b");

  private final Path nssDb;

  private Handshake(Path nssDb) {
    this.nssDb = nssDb;
  }

  /**
   * What the client saw.
   *
   * @param client the client used
   * @param succeeded the handshake completed and the server answered
   * @param delegatedCredential the server authenticated with a delegated credential
   * @param scheme the signature scheme of the handshake's CertificateVerify (the DC's)
   * @param serverKeyBits the size of the key that signed the handshake, as the client reports it
   * @param serial the DC serial the edge named in its response (null if absent)
   * @param transcript the command and the client's output
   */
  public record Result(String client, boolean succeeded, boolean delegatedCredential, String scheme,
      Integer serverKeyBits, String serial, String transcript) {}

  /** True when {@code tstclnt} and {@code certutil} are on the PATH. */
  public static boolean tstclntAvailable() {
    return onPath("tstclnt") && onPath("certutil");
  }

  /** An NSS database in {@code dir} that trusts the CA (PEM) for TLS servers, and nothing else. */
  public static Handshake trusting(Path dir, Path caPem) throws IOException {
    requireNonNull(caPem, "caPem must not be null");
    Files.createDirectories(dir);
    run(List.of("certutil", "-N", "-d", "sql:" + dir, "--empty-password"), true);
    run(List.of("certutil", "-A", "-d", "sql:" + dir, "-n", "baton-demo-ca", "-t", "C,,", "-a",
        "-i", caPem.toString()), true);
    return new Handshake(dir);
  }

  /** Connects with TLS 1.3 only, offers delegated credentials, sends a GET and reads the answer. */
  public Result connect(int port, String serverName) throws IOException {
    // The request comes from a file: with a closed stdin tstclnt polls it without end.
    Path request = nssDb.resolve("request.txt");
    Files.writeString(request, "GET / HTTP/1.0\r\nHost: " + serverName + "\r\n\r\n", StandardCharsets.US_ASCII);
    List<String> cmd = List.of("tstclnt", "-4", "-h", "127.0.0.1", "-p", Integer.toString(port),
        "-d", "sql:" + nssDb, "-V", "tls1.3:tls1.3", "-a", serverName, "-B", "-v", "-A", request.toString());
    Run r = run(cmd, false);
    return parse(r.exitCode() == 0, String.join(" ", cmd) + "\n" + r.output());
  }

  /** Reads tstclnt's output. */
  static Result parse(boolean exitedCleanly, String transcript) {
    boolean dc = transcript.contains("Received a Delegated Credential");
    String scheme = find(SCHEME, transcript).orElse(null);
    Integer bits = find(SERVER_AUTH, transcript).map(Integer::valueOf).orElse(null);
    int body = transcript.indexOf("HTTP/1.");
    String serial = body < 0 ? null : find(SERIAL, transcript.substring(body)).orElse(null);
    return new Result("tstclnt (NSS)", exitedCleanly && body >= 0, dc, scheme, bits, serial, transcript);
  }

  private static Optional<String> find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private record Run(int exitCode, String output) {}

  private static Run run(List<String> cmd, boolean mustSucceed) throws IOException {
    // Output goes to a file read with a cap: tstclnt can print without end on some failures.
    Path out = Files.createTempFile("baton-handshake", ".out");
    try {
      Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      p.getOutputStream().close();
      boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      String text;
      try (InputStream in = Files.newInputStream(out)) {
        text = new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
      }
      int code = finished ? p.exitValue() : -1;
      if (mustSucceed && code != 0) {
        throw new IOException(cmd.get(0) + " failed (exit " + code + "): " + text.strip());
      }
      return new Run(code, text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + cmd.get(0), e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
