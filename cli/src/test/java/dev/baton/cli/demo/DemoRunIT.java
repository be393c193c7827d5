package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.embedded.junit.EmbeddedStackExtension;
import dev.baton.embedded.junit.EmbeddedStackExtension.EmbeddedStack;
import dev.baton.service.KafkaSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What {@code baton demo --duration} does after starting broker and registry, on the shared stack. */
@ExtendWith(EmbeddedStackExtension.class)
class DemoRunIT {

  @Test
  void shortRun_coversShakesHandsChangesPolicyAndExitsZero(EmbeddedStack stack, @TempDir Path dir) throws Exception {
    String p = "r" + UUID.randomUUID().toString().substring(0, 5);
    DemoPlan plan = DemoPlan.of(Duration.ofSeconds(60), Duration.ofMinutes(10), 2,
        p + "eu:" + p + "fra1," + p + "us:" + p + "iad1", null, dir.resolve("state"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressTable table = new ProgressTable(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, Clock.systemUTC());
    KafkaSettings kafka = new KafkaSettings(stack.bootstrapServers(), stack.schemaRegistryUrl(), Map.of());

    int exit = new DemoRun(plan, kafka, table,
        (world, k) -> new InProcessFleet(world, new DemoConfigs(world, k, p)), Clock.systemUTC()).run();

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(out).isZero();
    assertThat(out)
        .contains("$ baton region publish --region " + p + "eu")
        .contains("$ baton policy set --certificate cert-2 --regions " + p + "eu," + p + "us")
        .contains("Every datacenter covered")
        .contains("delegated credential received")
        .contains("Policy took effect")
        .contains("Re-installed")
        .contains("OK: every datacenter");
  }
}
