package dev.baton.cli.credentials;

import dev.baton.credentials.CertificateMaker;
import dev.baton.credentials.KeyFiles;
import dev.baton.credentials.KeyType;
import dev.baton.credentials.Pem;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton cert create}: a throw-away CA and a delegation certificate signed by it. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Writes ca.pem, cert.pem (end-entity with DelegationUsage, digitalSignature, SAN = NAME) and key.pem (0600).")
public final class CertCreateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created 0700).")
  Path out;

  @Option(names = "--cn", required = true, paramLabel = "NAME", description = "Common name and DNS SAN.")
  String name;

  @Option(names = "--key-type", defaultValue = "p256", converter = CliSupport.KeyTypeConverter.class,
      description = "p256, p384, p521, ed25519, ed448, rsa2048 or rsapss2048 (default: ${DEFAULT-VALUE}).")
  KeyType keyType;

  @Option(names = "--days", defaultValue = "90", description = "Validity in days (default: ${DEFAULT-VALUE}).")
  int days;

  private final Clock clock;

  /** Uses the system clock. */
  public CertCreateCommand() {
    this(Clock.systemUTC());
  }

  CertCreateCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (days < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--days must be at least 1, got " + days);
    }
    if (name.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--cn must not be blank");
    }
    CertificateMaker.Made made = CertificateMaker.forName(name).keyType(keyType).clock(clock)
        .validity(Duration.ofDays(days)).make();
    try {
      KeyFiles.createPrivateDirectories(out);
      KeyFiles.writePublic(out.resolve("ca.pem"), bytes(Pem.encodeCertificates(List.of(made.caCertificate()))));
      KeyFiles.writePublic(out.resolve("cert.pem"), bytes(Pem.encodeCertificates(made.chain())));
      KeyFiles.writeSecret(out.resolve("key.pem"), bytes(Pem.encodePrivateKey(made.privateKey())));
    } catch (UncheckedIOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CliSupport.USAGE;
    }
    spec.commandLine().getOut().printf("created %s certificate for %s, valid %s to %s, in %s (ca.pem, cert.pem, key.pem 0600)%n",
        keyType, name, made.certificate().getNotBefore().toInstant(), made.certificate().getNotAfter().toInstant(), out);
    return 0;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
