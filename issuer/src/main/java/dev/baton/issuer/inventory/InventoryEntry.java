package dev.baton.issuer.inventory;

import static java.util.Objects.requireNonNull;

import dev.baton.credentials.DelegationCertificate;
import dev.baton.credentials.Signer;
import java.time.Instant;

/**
 * One usable delegation certificate of the inventory. {@code toString} never shows key material.
 *
 * @param id the certificate id (the sub-directory name)
 * @param certificate the delegation certificate and its chain, end-entity first
 * @param signer signs with the certificate's private key
 * @param fingerprint SHA-256 hex of the end-entity certificate's DER
 * @param notAfter the end-entity certificate's notAfter
 * @param source what it was loaded from, for log lines
 */
public record InventoryEntry(
    String id, DelegationCertificate certificate, Signer signer, String fingerprint, Instant notAfter, String source) {

  public InventoryEntry {
    requireNonNull(id, "id must not be null");
    requireNonNull(certificate, "certificate must not be null");
    requireNonNull(signer, "signer must not be null");
    requireNonNull(fingerprint, "fingerprint must not be null");
    requireNonNull(notAfter, "notAfter must not be null");
    requireNonNull(source, "source must not be null");
  }

  @Override
  public String toString() {
    return "InventoryEntry[id=" + id + ", fingerprint=" + fingerprint + ", notAfter=" + notAfter + ", source=" + source + "]";
  }
}
