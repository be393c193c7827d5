package dev.baton.issuer;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.SealedKey;
import dev.baton.credentials.CredentialMinter;
import dev.baton.credentials.MintedCredential;
import dev.baton.credentials.SignatureScheme;
import dev.baton.credentials.seal.RegionSealer;
import dev.baton.credentials.seal.SealBinding;
import dev.baton.credentials.seal.SealedBox;
import dev.baton.issuer.inventory.InventoryEntry;
import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mints one credential for a (certificate, region) pair and seals its private key to the region
 * key: the {@code CredentialIssued} event, ready to send. The private key exists in plaintext only
 * inside {@link #mint} and is wiped from the PKCS#8 buffer after sealing.
 */
public final class CredentialFactory {

  private final Clock clock;
  private final CredentialMinter minter;
  private final SignatureScheme dcScheme;
  private final String issuerId;

  public CredentialFactory(Clock clock, SignatureScheme dcScheme, String issuerId) {
    this.clock = requireNonNull(clock, "clock must not be null");
    this.minter = new CredentialMinter(clock);
    this.dcScheme = requireNonNull(dcScheme, "dcScheme must not be null");
    this.issuerId = requireNonNull(issuerId, "issuerId must not be null");
  }

  /** Mints, seals and wraps a credential valid for {@code validity} from now. */
  public CredentialIssued mint(InventoryEntry certificate, RegionEntry region, Duration validity) {
    requireNonNull(certificate, "certificate must not be null");
    requireNonNull(region, "region must not be null");
    requireNonNull(validity, "validity must not be null");
    MintedCredential minted = minter.mint(certificate.certificate(), certificate.signer(), dcScheme, validity);
    byte[] pkcs8 = minted.privateKeyPkcs8();
    SealedBox box;
    try {
      SealBinding binding = new SealBinding(region.region(), certificate.id(), minted.credential().fingerprint());
      box = RegionSealer.seal(region.key(), binding, pkcs8);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    return CredentialIssued.newBuilder()
        .setCertificateId(certificate.id())
        .setRegion(region.region())
        .setSerial(minted.credential().serial())
        .setCertificateChain(der(certificate.certificate().chain()))
        .setDelegatedCredential(ByteBuffer.wrap(minted.credential().encode()))
        .setSealedKey(SealedKey.newBuilder()
            .setKemId(box.kemId()).setKdfId(box.kdfId()).setAeadId(box.aeadId())
            .setRegionKeyId(box.regionKeyId())
            .setEncapsulatedKey(ByteBuffer.wrap(box.encapsulatedKey()))
            .setCiphertext(ByteBuffer.wrap(box.ciphertext()))
            .build())
        .setIssuedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS)) // what Avro keeps
        .setExpiresAt(minted.expiresAt())
        .setIssuerId(issuerId)
        .build();
  }

  private static List<ByteBuffer> der(List<X509Certificate> chain) {
    List<ByteBuffer> out = new ArrayList<>(chain.size());
    for (X509Certificate c : chain) {
      try {
        out.add(ByteBuffer.wrap(c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("certificate " + c.getSubjectX500Principal() + " cannot be DER-encoded", e);
      }
    }
    return out;
  }
}
