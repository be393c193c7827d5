package dev.baton.cli.region;

import dev.baton.credentials.KeyFiles;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.schemas.Topics;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton region keygen}: a region's HPKE (X25519) key pair. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Writes REGION.pub.pem (X25519 SubjectPublicKeyInfo) and REGION.key.pem (PKCS#8, 0600).",
        "The private key belongs only on that region's edge hosts."})
public final class RegionKeygenCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--region", required = true, description = "Region name (lowercase letters, digits, dashes).")
  String region;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created 0700).")
  Path out;

  @Option(names = "--force", description = "Replace an existing private key (edges holding it can no longer open new seals).")
  boolean force;

  /** The public key file name for a region. */
  public static String publicKeyFile(String region) {
    return region + ".pub.pem";
  }

  /** The private key file name for a region. */
  public static String privateKeyFile(String region) {
    return region + ".key.pem";
  }

  @Override
  public Integer call() {
    try {
      Topics.requireValidRegion(region);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Path privateFile = out.resolve(privateKeyFile(region));
    if (Files.exists(privateFile) && !force) {
      spec.commandLine().getErr().println("error: " + privateFile + " exists; pass --force to replace the region key");
      return CommandLine.ExitCode.USAGE;
    }
    RegionKeyPair pair = RegionKeyPair.generate();
    try {
      KeyFiles.createPrivateDirectories(out);
      KeyFiles.writeSecret(privateFile, pair.encodePrivatePem().getBytes(StandardCharsets.US_ASCII));
      KeyFiles.writePublic(out.resolve(publicKeyFile(region)), pair.publicKey().encodePem().getBytes(StandardCharsets.US_ASCII));
    } catch (UncheckedIOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    spec.commandLine().getOut().printf("region %s key id %s: public %s, private %s (0600)%n", region,
        pair.publicKey().keyId(), out.resolve(publicKeyFile(region)), privateFile);
    return 0;
  }
}
