package dev.baton.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Flipping bits in any byte of any region of a DC gets it refused: by the parser or by the verifier. */
class TamperTest {
  private static final byte[] FLIPS = {0x01, (byte) 0x80};

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"P256", "ED25519", "RSAPSS2048"})
  void everyByteOfEveryRegion_flipped_isRefused(KeyType certType) {
    CertificateMaker.Made cert = Fixtures.cert(certType);
    MintedCredential minted = new CredentialMinter(Fixtures.CLOCK)
        .mint(DelegationCertificate.of(cert.chain()), cert.signer(), SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(6));
    byte[] wire = minted.credential().encode();
    CredentialVerifier verifier = new CredentialVerifier(Fixtures.CLOCK);
    assertThat(verifier.verify(minted.credential(), cert.certificate()).valid()).isTrue();

    int refusedByParser = 0;
    int refusedByVerifier = 0;
    for (int i = 0; i < wire.length; i++) {
      for (byte flip : FLIPS) {
        byte[] tampered = wire.clone();
        tampered[i] ^= flip;
        DelegatedCredential dc;
        try {
          dc = DelegatedCredential.parse(tampered);
        } catch (MalformedCredentialException e) {
          refusedByParser++;
          continue;
        }
        VerificationResult result = verifier.verify(dc, cert.certificate());
        assertThat(result.valid()).as("%s byte %d (%s) ^ 0x%02x", certType, i, region(wire, i), flip).isFalse();
        refusedByVerifier++;
      }
    }
    assertThat(refusedByParser + refusedByVerifier).isEqualTo(wire.length * FLIPS.length);
    assertThat(refusedByVerifier).as("most flips parse and fail a check").isGreaterThan(refusedByParser);
  }

  /** Names the RFC 9345 field at an offset, for failure messages. */
  private static String region(byte[] wire, int i) {
    int spkiLength = ((wire[6] & 0xff) << 16) | ((wire[7] & 0xff) << 8) | (wire[8] & 0xff);
    int afterSpki = 9 + spkiLength;
    if (i < 4) {
      return "valid_time";
    } else if (i < 6) {
      return "dc_cert_verify_algorithm";
    } else if (i < 9) {
      return "spki length";
    } else if (i < afterSpki) {
      return "spki";
    } else if (i < afterSpki + 2) {
      return "algorithm";
    } else if (i < afterSpki + 4) {
      return "signature length";
    }
    return "signature";
  }
}
