package dev.baton.credentials;

import java.io.ByteArrayOutputStream;

/** Big-endian TLS presentation-language writer (package-private). */
final class TlsWriter {
  private final ByteArrayOutputStream out;

  TlsWriter(int sizeHint) {
    out = new ByteArrayOutputStream(sizeHint);
  }

  void uint16(int v) {
    out.write(v >>> 8);
    out.write(v);
  }

  void uint24(int v) {
    out.write(v >>> 16);
    uint16(v);
  }

  void uint32(long v) {
    uint16((int) (v >>> 16));
    uint16((int) v);
  }

  void bytes(byte[] b) {
    out.write(b, 0, b.length);
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
