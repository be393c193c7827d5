package dev.baton.credentials.seal;

/**
 * What a seal is bound to through the HPKE info: region, certificate id, DC fingerprint.
 *
 * @param region the region
 * @param certificateId the certificate id
 * @param dcFingerprint the DC fingerprint ({@code DelegatedCredential.fingerprint()})
 */
public record SealBinding(String region, String certificateId, String dcFingerprint) {
  /** The HPKE info bytes (unambiguous, length-prefixed encoding). */
  public byte[] info() {
    throw new UnsupportedOperationException("skeleton");
  }
}
