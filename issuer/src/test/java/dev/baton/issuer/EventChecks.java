package dev.baton.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.SealedKey;
import dev.baton.credentials.CredentialVerifier;
import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.Pem;
import dev.baton.credentials.VerificationResult;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.credentials.seal.RegionSealer;
import dev.baton.credentials.seal.SealBinding;
import dev.baton.credentials.seal.SealException;
import dev.baton.credentials.seal.SealedBox;
import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;

/** Checks an issued event the way an edge would: decode, verify the DC, open the seal. */
public final class EventChecks {
  private EventChecks() {}

  static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  static SealedBox box(SealedKey k) {
    return new SealedBox(k.getKemId(), k.getKdfId(), k.getAeadId(), k.getRegionKeyId(), bytes(k.getEncapsulatedKey()),
        bytes(k.getCiphertext()));
  }

  /**
   * Asserts that the event's DC verifies against its certificate, that its sealed key opens with
   * its region's key and matches the DC, and that every other region's key fails to open it.
   */
  public static void assertGood(CredentialIssued e, Map<String, RegionKeyPair> regionKeys, Clock clock) {
    DelegatedCredential dc = DelegatedCredential.parse(bytes(e.getDelegatedCredential()));
    X509Certificate cert = Pem.certificateFromDer(bytes(e.getCertificateChain().get(0)));
    assertThat(dc.serial()).isEqualTo(e.getSerial());
    assertThat(dc.expiresAt(cert)).isEqualTo(e.getExpiresAt());
    assertThat(e.getExpiresAt()).isBefore(cert.getNotAfter().toInstant().plusMillis(1));
    SealBinding binding = new SealBinding(e.getRegion(), e.getCertificateId(), dc.fingerprint());
    byte[] pkcs8 = RegionSealer.open(regionKeys.get(e.getRegion()), binding, box(e.getSealedKey()));
    PrivateKey key = Pem.privateKeyFromPkcs8(pkcs8);
    VerificationResult result = new CredentialVerifier(clock).verify(dc, cert, key);
    assertThat(result.failures()).as("verification of %s", e.getSerial()).isEmpty();
    regionKeys.forEach((region, other) -> {
      if (!region.equals(e.getRegion())) {
        assertThatThrownBy(() -> RegionSealer.open(other, binding, box(e.getSealedKey())))
            .isInstanceOf(SealException.class);
      }
    });
  }
}
