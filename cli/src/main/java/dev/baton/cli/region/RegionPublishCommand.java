package dev.baton.cli.region;

import dev.baton.avro.v1.RegionKey;
import dev.baton.cli.KafkaCommand;
import dev.baton.cli.kafka.RecordPublisher;
import dev.baton.credentials.seal.RegionPublicKey;
import dev.baton.schemas.Topics;
import dev.baton.service.KafkaSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton region publish}: puts a region's HPKE public key on {@code baton.regions}, so the
 * issuer starts sealing credentials to it.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Publish a region's public key to the regions topic; the issuer then mints credentials for it.")
public final class RegionPublishCommand extends KafkaCommand {

  @Option(names = "--region", required = true, paramLabel = "REGION", description = "Region name, e.g. eu.")
  String region;

  @Option(names = "--public-key", required = true, paramLabel = "FILE",
      description = "PEM file of the region's X25519 public key (from baton region keygen).")
  Path publicKeyFile;

  @Override
  protected int run(KafkaSettings settings, PrintWriter out) {
    Topics.requireValidRegion(region);
    RegionKey record = toRecord(region, readPublicKey(publicKeyFile), Instant.now());
    try (RecordPublisher<RegionKey> publisher = RecordPublisher.open(settings, Topics.REGIONS)) {
      publisher.publish(region, record);
    }
    out.printf("published region %s key %s to %s%n", region, record.getKeyId(), Topics.REGIONS.name());
    return 0;
  }

  /** The record for a region's key. */
  static RegionKey toRecord(String region, RegionPublicKey key, Instant createdAt) {
    return RegionKey.newBuilder()
        .setRegion(Topics.requireValidRegion(region))
        .setKeyId(key.keyId())
        .setKemId(key.kemId())
        .setPublicKey(ByteBuffer.wrap(key.raw()))
        .setCreatedAt(createdAt)
        .build();
  }

  /** Reads the public key; refuses a private key file without echoing any of it. */
  static RegionPublicKey readPublicKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --public-key '" + file + "': " + e.getMessage(), e);
    }
    if (pem.contains("PRIVATE KEY")) {
      throw new IllegalArgumentException("--public-key '" + file + "' holds a private key; publish the public key"
          + " (the private key stays on the region's edge hosts)");
    }
    try {
      return RegionPublicKey.parsePem(pem);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--public-key '" + file + "' is not an X25519 public key PEM: " + e.getMessage(), e);
    }
  }
}
