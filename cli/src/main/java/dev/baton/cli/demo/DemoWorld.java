package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.credentials.KeyFiles;
import dev.baton.credentials.Pem;
import dev.baton.credentials.seal.RegionKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything the demo makes before any service starts, laid out in the state directory:
 * <pre>
 * ca/ca.pem                          the demo CA (trust anchor for edges and TLS clients)
 * inventory/&lt;cert&gt;/cert.pem, key.pem  the issuer's inventory (key 0600, directories 0700)
 * regions/&lt;region&gt;.pub.pem          region public keys (published with baton region publish)
 * regions/&lt;region&gt;.key.pem          region private keys (0600), read by that region's edges only
 * edges/&lt;datacenter&gt;/store/          each edge's key store
 * config/&lt;service&gt;.properties        the configuration each in-process service was started with
 * </pre>
 * The CA's private key is never written: the demo needs it only to issue the certificates.
 */
public final class DemoWorld {
  /** Marks a directory this demo made, so a later run may wipe it and nothing else. */
  static final String MARKER = ".baton-demo";
  static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(30);

  private final Path root;
  private final DemoPlan plan;

  private DemoWorld(Path root, DemoPlan plan) {
    this.root = root;
    this.plan = plan;
  }

  /** Prepares the state directory (wiping a previous demo's) and makes CA, certificates and region keys. */
  public static DemoWorld create(DemoPlan plan, Instant now) {
    requireNonNull(plan, "plan must not be null");
    DemoWorld w = new DemoWorld(prepare(plan.stateDir().toAbsolutePath()), plan);
    DemoCa ca = DemoCa.create("Baton demo CA", now, CERTIFICATE_VALIDITY.plusDays(1));
    KeyFiles.createPrivateDirectories(w.caCertificate().getParent());
    KeyFiles.writePublic(w.caCertificate(), ascii(Pem.encodeCertificates(List.of(ca.certificate()))));
    for (String id : plan.certificateIds()) {
      DemoCa.Issued leaf = ca.issueDelegationCertificate(dnsName(id), now, CERTIFICATE_VALIDITY);
      Path dir = w.inventory().resolve(id);
      KeyFiles.createPrivateDirectories(dir);
      KeyFiles.writePublic(dir.resolve("cert.pem"), ascii(Pem.encodeCertificates(List.of(leaf.certificate()))));
      KeyFiles.writeSecret(dir.resolve("key.pem"), ascii(Pem.encodePrivateKey(leaf.keyPair().getPrivate())));
    }
    KeyFiles.createPrivateDirectories(w.root.resolve("regions"));
    for (String region : plan.regions()) {
      RegionKeyPair pair = RegionKeyPair.generate();
      KeyFiles.writePublic(w.regionPublicKey(region), ascii(pair.publicKey().encodePem()));
      KeyFiles.writeSecret(w.regionPrivateKey(region), ascii(pair.encodePrivatePem()));
    }
    for (Datacenter dc : plan.datacenters()) {
      KeyFiles.createPrivateDirectories(w.keyStore(dc));
    }
    KeyFiles.createPrivateDirectories(w.configDir());
    return w;
  }

  /** The DNS name (SAN, and SNI to ask for) of a demo certificate. */
  public static String dnsName(String certificateId) {
    return certificateId + ".demo.baton.test";
  }

  /** The plan this world was made for. */
  public DemoPlan plan() {
    return plan;
  }

  public Path root() {
    return root;
  }

  /** The demo CA certificate (PEM): what a TLS client trusts. */
  public Path caCertificate() {
    return root.resolve("ca").resolve("ca.pem");
  }

  /** The issuer's inventory directory. */
  public Path inventory() {
    return root.resolve("inventory");
  }

  public Path regionPublicKey(String region) {
    return root.resolve("regions").resolve(region + ".pub.pem");
  }

  public Path regionPrivateKey(String region) {
    return root.resolve("regions").resolve(region + ".key.pem");
  }

  /** A datacenter's key store. */
  public Path keyStore(Datacenter dc) {
    return root.resolve("edges").resolve(dc.name()).resolve("store");
  }

  public Path configDir() {
    return root.resolve("config");
  }

  private static byte[] ascii(String pem) {
    return pem.getBytes(StandardCharsets.US_ASCII);
  }

  private static Path prepare(Path root) {
    try {
      if (Files.isDirectory(root)) {
        boolean empty;
        try (Stream<Path> s = Files.list(root)) {
          empty = s.findAny().isEmpty();
        }
        if (!empty && !Files.exists(root.resolve(MARKER))) {
          throw new IllegalArgumentException("--state-dir " + root
              + " is not empty and not a previous demo's; use an empty or new directory");
        }
        if (!empty) {
          wipe(root);
        }
      }
      KeyFiles.createPrivateDirectories(root);
      Files.writeString(root.resolve(MARKER), "made by baton demo; the next run may wipe this directory\n");
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare --state-dir " + root, e);
    }
  }

  private static void wipe(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (!dir.equals(root)) {
          Files.delete(dir);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
