package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * What the schedule needs to know about a credential already issued for a pair: when it was
 * issued and expires, and which certificate and region key it was made for (a replaced
 * certificate or a rotated region key makes it stale at once).
 *
 * @param pair the (certificate, region) pair
 * @param serial the credential serial
 * @param issuedAt when it was minted
 * @param expiresAt certificate notBefore + valid_time
 * @param certificateFingerprint SHA-256 hex of the delegation certificate's DER
 * @param regionKeyId key id of the region key the private key was sealed to
 */
public record IssuedCredential(
    PairKey pair, String serial, Instant issuedAt, Instant expiresAt, String certificateFingerprint, String regionKeyId) {

  public IssuedCredential {
    requireNonNull(pair, "pair must not be null");
    requireNonNull(serial, "serial must not be null");
    requireNonNull(issuedAt, "issuedAt must not be null");
    requireNonNull(expiresAt, "expiresAt must not be null");
    requireNonNull(certificateFingerprint, "certificateFingerprint must not be null");
    requireNonNull(regionKeyId, "regionKeyId must not be null");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("expiresAt " + expiresAt + " must be after issuedAt " + issuedAt);
    }
  }

  /**
   * The schedule's view of an event read from {@code baton.credentials.issued}.
   *
   * @throws IllegalArgumentException when the event lacks a certificate or is otherwise inconsistent
   */
  public static IssuedCredential of(CredentialIssued event) {
    requireNonNull(event, "event must not be null");
    if (event.getCertificateChain().isEmpty()) {
      throw new IllegalArgumentException("event " + event.getSerial() + " has an empty certificate chain");
    }
    ByteBuffer der = event.getCertificateChain().get(0).duplicate();
    byte[] bytes = new byte[der.remaining()];
    der.get(bytes);
    return new IssuedCredential(
        new PairKey(event.getCertificateId(), event.getRegion()), event.getSerial(), event.getIssuedAt(),
        event.getExpiresAt(), Hashes.sha256Hex(bytes), event.getSealedKey().getRegionKeyId());
  }

  /** True when this one was issued after the other (the newer of two wins). */
  public boolean newerThan(IssuedCredential other) {
    return other == null || issuedAt.isAfter(other.issuedAt);
  }
}
