package dev.baton.credentials;

import java.util.Arrays;

/** Strict big-endian TLS reader: every shortfall is a {@link MalformedCredentialException} naming the field. */
final class TlsReader {
  private final byte[] buf;
  private int pos;

  TlsReader(byte[] buf) {
    this.buf = buf;
  }

  private void need(int n, String field) {
    if (buf.length - pos < n) {
      throw new MalformedCredentialException(field + ": needs " + n + " bytes at offset " + pos + ", only "
          + (buf.length - pos) + " left");
    }
  }

  int uint16(String field) {
    need(2, field);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  int uint24(String field) {
    need(3, field);
    int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
    pos += 3;
    return v;
  }

  long uint32(String field) {
    need(4, field);
    long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
        | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  byte[] bytes(int n, String field) {
    need(n, field);
    byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return b;
  }

  void requireEnd(String what) {
    if (pos != buf.length) {
      throw new MalformedCredentialException(what + ": " + (buf.length - pos) + " trailing bytes after offset " + pos);
    }
  }
}
