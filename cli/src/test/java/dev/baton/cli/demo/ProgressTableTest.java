package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTableTest {
  private static final Instant NOW = Instant.parse("2026-12-03T17:00:00Z");
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  private static DatacenterRow row(String name, int installed, int expected) {
    return new DatacenterRow(new Datacenter("eu", name), "127.0.0.1:4433", installed, expected,
        NOW.plusSeconds(252), Duration.ofMillis(850));
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void render_showsEveryColumn() {
    String table = new ProgressTable(out, false, clock).render(List.of(row("fra1", 2, 2)));
    assertThat(table).contains("DATACENTER").contains("fra1").contains("127.0.0.1:4433")
        .contains("2/2 ok").contains("17:04:12 (in 4m12s)").contains("850 ms");
  }

  @Test
  void plain_printsARowOnlyWhenItChanged() {
    ProgressTable t = new ProgressTable(out, false, clock);
    t.update(List.of(row("fra1", 0, 2), row("ams1", 0, 2)));
    t.update(List.of(row("fra1", 0, 2), row("ams1", 1, 2)));
    String[] lines = printed().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[2]).contains("ams1").contains("installed 1/2");
    assertThat(printed()).doesNotContain("\u001b[");
  }

  @Test
  void ansi_redrawsInPlaceAndPutsMessagesAboveTheTable() {
    ProgressTable t = new ProgressTable(out, true, clock);
    t.update(List.of(row("fra1", 0, 2)));
    t.message("policy cert-2 v2: eu, us");
    t.update(List.of(row("fra1", 2, 2)));
    String s = printed();
    // Two table lines drawn, then erased (cursor up 2) before the message and the redraw.
    assertThat(s).contains("\u001b[2A").contains("policy cert-2 v2: eu, us\n");
    assertThat(s.lastIndexOf("2/2 ok")).isGreaterThan(s.indexOf("policy cert-2"));
  }

  @Test
  void expiredAndMissingValues_areShownAsSuch() {
    DatacenterRow r = new DatacenterRow(new Datacenter("us", "iad1"), "-", 0, 1, NOW.minusSeconds(1), null);
    assertThat(new ProgressTable(out, false, clock).render(List.of(r))).contains("(expired)");
    assertThat(new ProgressTable(out, false, clock).plainLine(r)).contains("newest expiry 16:59:59").contains("last lag -");
  }

  @Test
  void human_formatsDurations() {
    assertThat(ProgressTable.human(Duration.ofSeconds(37))).isEqualTo("37s");
    assertThat(ProgressTable.human(Duration.ofSeconds(252))).isEqualTo("4m12s");
    assertThat(ProgressTable.human(Duration.ofMinutes(125))).isEqualTo("2h05m");
  }
}
