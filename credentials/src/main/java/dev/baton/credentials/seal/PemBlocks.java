package dev.baton.credentials.seal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Single-block PEM for region keys (package-private). Errors never quote the input. */
final class PemBlocks {
  private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private PemBlocks() {}

  static String encode(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  static byte[] decode(String pem, String type) {
    Pattern p = Pattern.compile("-----BEGIN " + type + "-----([A-Za-z0-9+/=\\s]*)-----END " + type + "-----");
    Matcher m = p.matcher(pem);
    if (!m.find()) {
      throw new SealException("no " + type + " PEM block found");
    }
    try {
      return Base64.getMimeDecoder().decode(m.group(1));
    } catch (IllegalArgumentException e) {
      throw new SealException("the " + type + " PEM block is not valid base64");
    }
  }
}
