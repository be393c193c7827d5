package dev.baton.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** The RFC 9345 known-answer files (copied from shared/testdata/rfc9345) and clocks. */
final class TestData {
  private TestData() {}

  static byte[] resource(String name) {
    try (InputStream in = TestData.class.getResourceAsStream("/rfc9345/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource rfc9345/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(String name) {
    return HexFormat.of().parseHex(new String(resource(name), StandardCharsets.US_ASCII).strip());
  }

  static X509Certificate cert(String name) {
    return Pem.parseCertificates(resource(name)).get(0);
  }

  static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }
}
