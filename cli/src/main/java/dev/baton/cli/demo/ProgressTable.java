package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.TextTable;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's live view, one row per datacenter. On a terminal it redraws itself in place (ANSI
 * cursor movement) and prints messages above it; otherwise it prints a plain line per datacenter
 * whenever that datacenter's row changes, so a log file stays readable.
 */
public final class ProgressTable {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String CURSOR_UP = "\u001b[%dA";
  private static final String CLEAR_LINE = "\r\u001b[2K";

  private final PrintStream out;
  private final boolean ansi;
  private final Clock clock;
  private final Map<String, String> lastPlain = new HashMap<>();
  private int drawnLines;
  private List<DatacenterRow> lastRows = List.of();

  /**
   * @param out where to print
   * @param ansi redraw in place (true on a terminal)
   * @param clock for the "in 4m12s" countdowns and timestamps
   */
  public ProgressTable(PrintStream out, boolean ansi, Clock clock) {
    this.out = requireNonNull(out, "out must not be null");
    this.ansi = ansi;
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /** A table for this process's standard output: in place when it is a terminal. */
  public static ProgressTable forConsole() {
    return new ProgressTable(System.out, System.console() != null, Clock.systemUTC());
  }

  /** True when the table is redrawn in place (a terminal). */
  public boolean inPlace() {
    return ansi;
  }

  /** Shows the rows: redraws the table (terminal) or prints the rows that changed (plain). */
  public synchronized void update(List<DatacenterRow> rows) {
    lastRows = List.copyOf(rows);
    if (ansi) {
      erase();
      draw();
    } else {
      for (DatacenterRow row : rows) {
        String line = plainLine(row);
        if (!line.equals(lastPlain.put(row.datacenter().name(), line))) {
          out.println("[" + TIME.format(clock.instant()) + "] " + line);
        }
      }
    }
    out.flush();
  }

  /** Prints a message; on a terminal above the table, which is drawn again on the next update. */
  public synchronized void message(String text) {
    erase();
    out.println(ansi ? text : "[" + TIME.format(clock.instant()) + "] " + text);
    if (ansi && !lastRows.isEmpty()) {
      draw();
    }
    out.flush();
  }

  private void draw() {
    String table = render(lastRows);
    out.print(table);
    drawnLines = (int) table.chars().filter(c -> c == '\n').count();
  }

  /** The table as text: header plus one line per datacenter. */
  public String render(List<DatacenterRow> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"DATACENTER", "REGION", "TLS", "INSTALLED", "NEWEST EXPIRY", "LAST LAG"});
    for (DatacenterRow r : rows) {
      cells.add(new String[] {r.datacenter().name(), r.datacenter().region(), r.tlsAddress(),
          r.installed() + "/" + r.expected() + (r.covered() ? " ok" : ""), expiry(r.newestExpiry()), lag(r.lastLag())});
    }
    return TextTable.render(cells);
  }

  /**
   * One datacenter as a self-contained line (plain output). No countdown: the line changes only
   * when the datacenter does, so a log gets a line per event, not one per second.
   */
  public String plainLine(DatacenterRow r) {
    return r.datacenter().name() + " (" + r.datacenter().region() + ") tls " + r.tlsAddress()
        + " installed " + r.installed() + "/" + r.expected() + (r.covered() ? " covered" : "")
        + ", newest expiry " + (r.newestExpiry() == null ? "-" : TIME.format(r.newestExpiry()))
        + ", last lag " + lag(r.lastLag());
  }

  private String expiry(Instant at) {
    if (at == null) {
      return "-";
    }
    Duration left = Duration.between(clock.instant(), at);
    return TIME.format(at) + (left.isNegative() ? " (expired)" : " (in " + human(left) + ")");
  }

  private static String lag(Duration lag) {
    return lag == null ? "-" : lag.toMillis() < 10_000 ? lag.toMillis() + " ms" : human(lag);
  }

  /** {@code 4m12s}, {@code 37s}, {@code 2h05m}. */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }

  private void erase() {
    if (ansi && drawnLines > 0) {
      out.printf(CURSOR_UP, drawnLines);
      for (int i = 0; i < drawnLines; i++) {
        out.print(CLEAR_LINE + "\n");
      }
      out.printf(CURSOR_UP, drawnLines);
      drawnLines = 0;
    }
  }
}
