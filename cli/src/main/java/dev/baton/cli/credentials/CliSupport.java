package dev.baton.cli.credentials;

import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.KeyType;
import dev.baton.credentials.SignatureScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Converters and file helpers shared by the {@code cert}, {@code dc} and {@code region} commands. */
public final class CliSupport {
  /** Exit code for a refusal or an invalid input (picocli uses 2 for usage errors). */
  public static final int FAILED = 1;
  /** Exit code for a usage error, e.g. a missing or unreadable file. */
  public static final int USAGE = CommandLine.ExitCode.USAGE;

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)([dhms])");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");

  private CliSupport() {}

  /** {@code 24h}, {@code 7d}, {@code 90m}, {@code 1d12h}, {@code 3600s} or ISO-8601 ({@code PT24H}). */
  public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.startsWith("p")) {
        try {
          return Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
          throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 duration");
        }
      }
      Matcher m = DURATION_PART.matcher(v);
      Duration total = Duration.ZERO;
      int end = 0;
      while (m.find() && m.start() == end) {
        long n = Long.parseLong(m.group(1));
        total = total.plus(switch (m.group(2)) {
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofSeconds(n);
        });
        end = m.end();
      }
      if (end == 0 || end != v.length()) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 24h, 7d, 90m, 1d12h or PT24H");
      }
      return total;
    }
  }

  /** An ISO-8601 instant such as {@code 2026-12-03T10:00:00Z}. */
  public static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an instant like 2026-12-03T10:00:00Z");
      }
    }
  }

  /** A TLS scheme name such as {@code ecdsa_secp256r1_sha256}. */
  public static final class SchemeConverter implements CommandLine.ITypeConverter<SignatureScheme> {
    @Override
    public SignatureScheme convert(String value) {
      try {
        return SignatureScheme.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** A key type such as {@code p256}. */
  public static final class KeyTypeConverter implements CommandLine.ITypeConverter<KeyType> {
    @Override
    public KeyType convert(String value) {
      try {
        return KeyType.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * The DC bytes of a file holding the binary RFC 9345 encoding, or its hex or base64 text. A binary
   * DC is never all printable (its scheme code starts with a byte below 0x20), so text is detected
   * safely; the DC itself is then parsed strictly.
   */
  public static DelegatedCredential readDc(Path file) {
    byte[] raw = readFile(file);
    return DelegatedCredential.parse(decodeText(raw));
  }

  static byte[] decodeText(byte[] raw) {
    if (!isText(raw)) {
      return raw;
    }
    String text = new String(raw, StandardCharsets.US_ASCII).replaceAll("\\s+", "");
    if (HEX.matcher(text).matches() && text.length() % 2 == 0) {
      return HexFormat.of().parseHex(text);
    }
    if (BASE64.matcher(text).matches()) {
      try {
        return (text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
      } catch (IllegalArgumentException e) {
        throw new dev.baton.credentials.MalformedCredentialException("the file looks like base64 but does not decode: "
            + e.getMessage());
      }
    }
    throw new dev.baton.credentials.MalformedCredentialException("the file is text but neither hex nor base64");
  }

  private static boolean isText(byte[] raw) {
    if (raw.length == 0) {
      return false;
    }
    for (byte b : raw) {
      if (!(b >= 0x20 && b < 0x7f) && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Reads a file; an unreadable file is a usage error. */
  public static byte[] readFile(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A duration as {@code 1d2h3m4s}; negative durations get a leading minus. */
  public static String human(Duration d) {
    String sign = d.isNegative() ? "-" : "";
    Duration a = d.abs();
    StringBuilder sb = new StringBuilder(sign);
    if (a.toDays() > 0) {
      sb.append(a.toDays()).append('d');
    }
    if (a.toHoursPart() > 0) {
      sb.append(a.toHoursPart()).append('h');
    }
    if (a.toMinutesPart() > 0) {
      sb.append(a.toMinutesPart()).append('m');
    }
    if (a.toSecondsPart() > 0 || sb.length() == sign.length()) {
      sb.append(a.toSecondsPart()).append('s');
    }
    return sb.toString();
  }
}
