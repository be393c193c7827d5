package dev.baton.credentials.seal;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a seal is bound to through the HPKE info: region, certificate id, DC fingerprint.
 *
 * @param region the region
 * @param certificateId the certificate id
 * @param dcFingerprint the DC fingerprint ({@code DelegatedCredential.fingerprint()})
 */
public record SealBinding(String region, String certificateId, String dcFingerprint) {
  /** Versioned label first, so a future encoding can never collide with this one. */
  static final String LABEL = "baton/v1 dc-key seal";

  /** All three required, non-empty, at most 65535 UTF-8 bytes. */
  public SealBinding {
    requireField(region, "region");
    requireField(certificateId, "certificateId");
    requireField(dcFingerprint, "dcFingerprint");
  }

  private static void requireField(String value, String name) {
    requireNonNull(value, name + " must not be null");
    if (value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > 0xFFFF) {
      throw new IllegalArgumentException(name + " must be 1..65535 UTF-8 bytes");
    }
  }

  /**
   * The HPKE info bytes: label, region, certificateId, dcFingerprint, each as a 2-byte big-endian
   * length followed by its UTF-8 bytes (unambiguous: no two bindings give the same info).
   */
  public byte[] info() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    for (String field : new String[] {LABEL, region, certificateId, dcFingerprint}) {
      byte[] b = field.getBytes(StandardCharsets.UTF_8);
      out.write(b.length >>> 8);
      out.write(b.length);
      out.write(b, 0, b.length);
    }
    return out.toByteArray();
  }
}
