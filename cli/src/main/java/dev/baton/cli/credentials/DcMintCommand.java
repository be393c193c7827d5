package dev.baton.cli.credentials;

import dev.baton.credentials.CredentialMinter;
import dev.baton.credentials.CredentialPolicyException;
import dev.baton.credentials.DelegationCertificate;
import dev.baton.credentials.FileKeySigner;
import dev.baton.credentials.KeyFiles;
import dev.baton.credentials.MintedCredential;
import dev.baton.credentials.Pem;
import dev.baton.credentials.PemException;
import dev.baton.credentials.SignatureScheme;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton dc mint}: a DC and its key from a delegation certificate and its key. */
@Command(name = "mint", mixinStandardHelpOptions = true,
    description = "Mints a delegated credential: binary RFC 9345 bytes and a PKCS#8 PEM key (0600).")
public final class DcMintCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--cert", required = true, paramLabel = "PEM", description = "Delegation certificate (chain, end-entity first).")
  Path cert;

  @Option(names = "--key", required = true, paramLabel = "PEM", description = "The certificate's private key.")
  Path key;

  @Option(names = "--scheme", defaultValue = "ecdsa_secp256r1_sha256", converter = CliSupport.SchemeConverter.class,
      description = "DC key type as a TLS scheme (default: ${DEFAULT-VALUE}).")
  SignatureScheme scheme;

  @Option(names = "--valid-for", defaultValue = "24h", converter = CliSupport.DurationConverter.class,
      description = "Validity from now, at most 7d (default: ${DEFAULT-VALUE}).")
  Duration validFor;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the DC bytes.")
  Path out;

  @Option(names = "--out-key", required = true, paramLabel = "FILE", description = "Where to write the DC private key (0600).")
  Path outKey;

  private final Clock clock;

  /** Uses the system clock. */
  public DcMintCommand() {
    this(Clock.systemUTC());
  }

  DcMintCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    DelegationCertificate certificate;
    FileKeySigner signer;
    try {
      certificate = DelegationCertificate.of(Pem.readCertificates(cert));
      signer = FileKeySigner.load(key);
    } catch (PemException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CliSupport.USAGE;
    } catch (CredentialPolicyException e) {
      spec.commandLine().getErr().println("refused: " + e.getMessage());
      return CliSupport.FAILED;
    }
    MintedCredential minted;
    try {
      minted = new CredentialMinter(clock).mint(certificate, signer, scheme, validFor);
    } catch (CredentialPolicyException e) {
      spec.commandLine().getErr().println("refused: " + e.getMessage());
      return CliSupport.FAILED;
    }
    try {
      // Key first: a DC on disk without its key would look installable but is useless.
      KeyFiles.writeSecret(outKey, minted.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
      KeyFiles.writePublic(out, minted.credential().encode());
    } catch (UncheckedIOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CliSupport.USAGE;
    }
    if (minted.credential().algorithm().tlsName().startsWith("rsa_pss_rsae_")) {
      // The library logs this too, but the CLI's default logging shows errors only.
      spec.commandLine().getErr().println("warning: the certificate has an rsaEncryption key; NSS (Firefox) refuses DCs"
          + " delegated by rsaEncryption certificates. Prefer an ECDSA or Ed25519 delegation certificate.");
    }
    spec.commandLine().getOut().printf("minted serial=%s scheme=%s algorithm=%s expires=%s%n", minted.credential().serial(),
        scheme.tlsName(), minted.credential().algorithm().tlsName(), minted.expiresAt());
    return 0;
  }
}
