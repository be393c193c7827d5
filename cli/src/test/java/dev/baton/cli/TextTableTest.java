package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void render_padsEveryColumnToItsWidestCell_andTrimsLineEnds() {
    String t = TextTable.render(List.of(new String[] {"A", "BB", "C"}, new String[] {"long", "x", ""}));
    assertThat(t).isEqualTo("A     BB  C\nlong  x\n");
  }
}
