package dev.baton.issuer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers: fingerprints, and stable pseudo-random numbers for jitter. */
public final class Hashes {
  private Hashes() {}

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Lowercase hex SHA-256. */
  public static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(sha256(data));
  }

  /**
   * A number in [-1, 1) that depends only on the parts: the same pair gets the same jitter on
   * every issuer and after every restart, while different pairs spread out.
   */
  static double unitJitter(String... parts) {
    byte[] digest = sha256(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
    long bits = ByteBuffer.wrap(digest).getLong() >>> 11; // 53 random bits
    return bits * 0x1.0p-53 * 2 - 1;
  }
}
