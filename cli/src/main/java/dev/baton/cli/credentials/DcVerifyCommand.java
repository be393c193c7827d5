package dev.baton.cli.credentials;

import dev.baton.credentials.CredentialVerifier;
import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.MalformedCredentialException;
import dev.baton.credentials.Pem;
import dev.baton.credentials.PemException;
import dev.baton.credentials.VerificationResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton dc verify}: the checks a TLS client makes. Exit 0 valid, 1 invalid, 2 usage error. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Checks a DC as a TLS client would (RFC 9345 4.1.3, 4.2).",
        "Prints 'OK ...' or 'FAIL: <reason>; <reason>'. Exit 0 valid, 1 invalid, 2 usage error."})
public final class DcVerifyCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--cert", required = true, paramLabel = "PEM", description = "Delegation certificate (end-entity first).")
  Path cert;

  @Option(names = "--dc", required = true, paramLabel = "FILE", description = "DC as binary, hex or base64.")
  Path dc;

  @Option(names = "--now", converter = CliSupport.InstantConverter.class, paramLabel = "INSTANT",
      description = "Check at this time instead of now, e.g. 2026-12-03T10:00:00Z.")
  Instant now;

  @Option(names = "--key", paramLabel = "PEM", description = "Also check that this private key matches the DC.")
  Path key;

  @Override
  public Integer call() {
    X509Certificate certificate;
    PrivateKey dcKey;
    try {
      certificate = Pem.readCertificates(cert).get(0);
      dcKey = key == null ? null : Pem.readPrivateKey(key);
    } catch (PemException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CliSupport.USAGE;
    }
    DelegatedCredential credential;
    try {
      credential = CliSupport.readDc(dc);
    } catch (UncheckedIOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CliSupport.USAGE;
    } catch (MalformedCredentialException e) {
      spec.commandLine().getOut().println("FAIL: MALFORMED: " + e.getMessage());
      return CliSupport.FAILED;
    }
    Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);
    CredentialVerifier verifier = new CredentialVerifier(clock);
    VerificationResult result = dcKey == null ? verifier.verify(credential, certificate)
        : verifier.verify(credential, certificate, dcKey);
    if (result.valid()) {
      spec.commandLine().getOut().printf("OK serial=%s scheme=%s expires=%s remaining=%s%n", credential.serial(),
          credential.credential().dcCertVerifyAlgorithm().tlsName(), result.expiresAt(),
          CliSupport.human(Duration.between(clock.instant(), result.expiresAt())));
      return 0;
    }
    spec.commandLine().getOut().println("FAIL: " + result.failures().stream()
        .map(f -> f.reason() + ": " + f.message()).collect(Collectors.joining("; ")));
    return CliSupport.FAILED;
  }
}
