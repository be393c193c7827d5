package dev.baton.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.avro.v1.GeoPolicy;
import dev.baton.avro.v1.RegionKey;
import dev.baton.cli.BatonCommand;
import dev.baton.cli.kafka.CompactedTopicReader;
import dev.baton.credentials.seal.RegionPublicKey;
import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.schemas.Topics;
import dev.baton.service.KafkaSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands against a real broker and registry, as a user runs them. */
@ExtendWith(EmbeddedStackExtension.class)
class OperatorCommandsIT {
  private final EmbeddedStack stack;
  private StringWriter out;
  private StringWriter err;

  OperatorCommandsIT(EmbeddedStack stack) {
    this.stack = stack;
  }

  @BeforeEach
  void buffers() {
    out = new StringWriter();
    err = new StringWriter();
  }

  private int baton(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-server", stack.bootstrapServers(), "--schema-registry", stack.schemaRegistryUrl()));
    var cl = BatonCommand.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(all.toArray(String[]::new));
  }

  private KafkaSettings settings() {
    return new KafkaSettings(stack.bootstrapServers(), stack.schemaRegistryUrl(), Map.of());
  }

  @Test
  void policySet_twice_numbersVersionsAndShowReadsTheLatest() throws Exception {
    String cert = "ops-it-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(baton("policy", "set", "--certificate", cert, "--regions", "eu,us")).as(err.toString()).isZero();
    assertThat(out.toString()).contains(cert + " v1: eu, us");
    assertThat(baton("policy", "set", "--certificate", cert, "--regions", "us")).as(err.toString()).isZero();
    assertThat(out.toString()).contains(cert + " v2: us (was v1: eu, us)");

    GeoPolicy stored = CompactedTopicReader.readAll(settings(), Topics.POLICY, Duration.ofSeconds(30)).get(cert);
    assertThat(stored.getVersion()).isEqualTo(2);
    assertThat(stored.getRegions()).containsExactly("us");

    buffers();
    assertThat(baton("policy", "show", "--certificate", cert, "--json")).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json).hasSize(1);
    assertThat(json.get(0).get("version").asLong()).isEqualTo(2);
    assertThat(json.get(0).get("regions").get(0).asText()).isEqualTo("us");

    buffers();
    assertThat(baton("policy", "show")).isZero();
    assertThat(out.toString()).contains("CERTIFICATE").contains(cert);
  }

  @Test
  void policyShow_unknownCertificate_exitsOneAndSaysTheDefaultApplies() {
    assertThat(baton("policy", "show", "--certificate", "ops-it-never-set")).isEqualTo(1);
    assertThat(err.toString()).contains("no policy for certificate 'ops-it-never-set'");
  }

  @Test
  void regionPublish_keygenOutput_landsOnTheRegionsTopic(@TempDir Path dir) throws Exception {
    String region = "opsit" + UUID.randomUUID().toString().substring(0, 6);
    var keygen = BatonCommand.newCommandLine();
    keygen.setOut(new PrintWriter(out, true));
    assertThat(keygen.execute("region", "keygen", "--region", region, "--out", dir.toString())).isZero();
    Path pub = dir.resolve(region + ".pub.pem");

    assertThat(baton("region", "publish", "--region", region, "--public-key", pub.toString()))
        .as(err.toString()).isZero();

    RegionPublicKey expected = RegionPublicKey.parsePem(Files.readString(pub));
    RegionKey stored = CompactedTopicReader.readAll(settings(), Topics.REGIONS, Duration.ofSeconds(30)).get(region);
    assertThat(stored.getKeyId()).isEqualTo(expected.keyId());
    assertThat(stored.getKemId()).isEqualTo(expected.kemId());
    byte[] raw = new byte[stored.getPublicKey().remaining()];
    stored.getPublicKey().duplicate().get(raw);
    assertThat(raw).isEqualTo(expected.raw());
    assertThat(out.toString()).contains("published region " + region + " key " + expected.keyId());
  }
}
