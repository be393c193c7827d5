package dev.baton.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.credentials.VerificationResult.Reason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The expected results of shared/testdata/rfc9345/README.md (BoringSSL-made DCs from fizz). */
class KnownAnswerTest {
  private static final Clock FIZZ_NOW = Clock.fixed(Instant.ofEpochSecond(1560190138L), ZoneOffset.UTC);
  private final X509Certificate cert = TestData.cert("cred_cert.pem");
  private final DelegatedCredential peer = DelegatedCredential.parse(TestData.hex("peer_dc.hex"));
  private final DelegatedCredential factory = DelegatedCredential.parse(TestData.hex("factory_dc.hex"));

  @Test
  void verify_peerDcAtFizzTime_isValidUntilKnownExpiry() {
    VerificationResult result = new CredentialVerifier(FIZZ_NOW).verify(peer, cert);
    assertThat(result.failures()).isEmpty();
    assertThat(result.expiresAt()).isEqualTo(Instant.parse("2019-06-15T19:46:57Z"));
  }

  @Test
  void verify_factoryDcAtFizzTime_isValidUntilKnownExpiry() {
    VerificationResult result = new CredentialVerifier(FIZZ_NOW).verify(factory, cert);
    assertThat(result.failures()).isEmpty();
    assertThat(result.expiresAt()).isEqualTo(Instant.parse("2019-06-15T17:35:38Z"));
  }

  @Test
  void parse_peerDc_hasEcdsaP256SchemeAndAlgorithm() {
    assertThat(peer.credential().dcCertVerifyAlgorithm()).isEqualTo(SignatureScheme.ECDSA_SECP256R1_SHA256);
    assertThat(peer.algorithm()).isEqualTo(SignatureScheme.ECDSA_SECP256R1_SHA256);
    assertThat(peer.publicKey().getAlgorithm()).isIn("EC", "ECDSA");
    assertThat(peer.encode()).isEqualTo(TestData.hex("peer_dc.hex"));
  }

  @Test
  void verify_peerDcWithMoreThanSevenDaysLeft_isRejected() {
    VerificationResult result = new CredentialVerifier(TestData.at("2019-06-01T00:00:00Z")).verify(peer, cert);
    assertThat(result.reasons()).containsExactly(Reason.VALIDITY_TOO_LONG);
  }

  @Test
  void verify_peerDcAfterExpiry_isRejectedAsExpired() {
    VerificationResult result = new CredentialVerifier(TestData.at("2019-06-16T00:00:00Z")).verify(peer, cert);
    assertThat(result.reasons()).containsExactly(Reason.EXPIRED);
  }

  @Test
  void verify_peerDcWithAnySignatureByteFlipped_isRejectedForSignature() {
    byte[] sig = peer.signature();
    for (int i = 0; i < sig.length; i++) {
      byte[] flipped = sig.clone();
      flipped[i] ^= 0x01;
      DelegatedCredential tampered = DelegatedCredential.of(peer.credential(), peer.algorithm(), flipped);
      VerificationResult result = new CredentialVerifier(FIZZ_NOW).verify(tampered, cert);
      assertThat(result.reasons()).as("signature byte %d", i).containsExactly(Reason.BAD_SIGNATURE);
    }
  }

  @Test
  void verify_peerDcAgainstCertificateWithoutDelegationUsage_isRejected() {
    VerificationResult result = new CredentialVerifier(FIZZ_NOW).verify(peer, TestData.cert("nodeleg_cert.pem"));
    assertThat(result.reasons()).contains(Reason.BAD_SIGNATURE, Reason.NOT_DELEGATION_CERTIFICATE);
  }
}
