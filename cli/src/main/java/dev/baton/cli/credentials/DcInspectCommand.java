package dev.baton.cli.credentials;

import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.MalformedCredentialException;
import dev.baton.credentials.Pem;
import dev.baton.credentials.PemException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton dc inspect}: what a DC says (no checks; use verify for that). */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Shows a DC's scheme, algorithm, expiry (UTC, needs --cert), remaining time and SPKI fingerprint.")
public final class DcInspectCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--dc", required = true, paramLabel = "FILE", description = "DC as binary, hex or base64.")
  Path dc;

  @Option(names = "--cert", paramLabel = "PEM", description = "Delegation certificate, to compute the expiry.")
  Path cert;

  @Option(names = "--now", converter = CliSupport.InstantConverter.class, paramLabel = "INSTANT",
      description = "Compute the remaining time from this instant instead of now.")
  Instant now;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    DelegatedCredential credential;
    X509Certificate certificate;
    try {
      credential = CliSupport.readDc(dc);
      certificate = cert == null ? null : Pem.readCertificates(cert).get(0);
    } catch (UncheckedIOException | PemException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CliSupport.USAGE;
    } catch (MalformedCredentialException e) {
      spec.commandLine().getErr().println("malformed DC: " + e.getMessage());
      return CliSupport.FAILED;
    }
    Map<String, String> fields = fields(credential, certificate, now == null ? Clock.systemUTC().instant() : now);
    spec.commandLine().getOut().println(json ? toJson(fields)
        : fields.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n")));
    return 0;
  }

  private static Map<String, String> fields(DelegatedCredential dc, X509Certificate certificate, Instant now) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("serial", dc.serial());
    f.put("fingerprint", dc.fingerprint());
    f.put("scheme", dc.credential().dcCertVerifyAlgorithm().tlsName());
    f.put("algorithm", dc.algorithm().tlsName());
    f.put("validTimeSeconds", Long.toString(dc.credential().validTime().getSeconds()));
    f.put("spkiSha256", dc.spkiFingerprint());
    if (certificate != null) {
      Instant expiresAt = dc.expiresAt(certificate);
      f.put("expiresAt", expiresAt.toString());
      f.put("remaining", CliSupport.human(Duration.between(now, expiresAt)));
    }
    return f;
  }

  /** Flat JSON of string values (validTimeSeconds as a number); values are ASCII without quotes. */
  private static String toJson(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":" + (e.getKey().equals("validTimeSeconds") ? e.getValue() : "\"" + e.getValue() + "\""))
        .collect(Collectors.joining(",", "{", "}"));
  }
}
