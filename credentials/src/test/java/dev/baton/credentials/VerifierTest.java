package dev.baton.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.credentials.VerificationResult.Reason;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each RFC 9345 section 4.1.3 check of the verifier, alone and together. */
class VerifierTest {
  private final CertificateMaker.Made p256 = Fixtures.cert(KeyType.P256);
  private final CertificateMaker.Made rsa = Fixtures.cert(KeyType.RSA2048);
  private final CredentialVerifier verifier = new CredentialVerifier(Fixtures.CLOCK);

  private static MintedCredential mint(CertificateMaker.Made cert, SignatureScheme scheme, Duration validity) {
    return new CredentialMinter(Fixtures.CLOCK).mint(DelegationCertificate.of(cert.chain()), cert.signer(), scheme, validity);
  }

  @Test
  void verify_atExpiry_isExpired_andOneSecondBefore_isValid() {
    MintedCredential m = mint(p256, SignatureScheme.ED25519, Duration.ofHours(1));
    Clock atExpiry = Clock.fixed(m.expiresAt(), Fixtures.CLOCK.getZone());
    assertThat(new CredentialVerifier(atExpiry).verify(m.credential(), p256.certificate()).reasons()).containsExactly(Reason.EXPIRED);
    Clock before = Clock.offset(atExpiry, Duration.ofSeconds(-1));
    assertThat(new CredentialVerifier(before).verify(m.credential(), p256.certificate()).valid()).isTrue();
  }

  @Test
  void verify_exactlySevenDaysLeft_isValid_andOneSecondMore_isTooLong() {
    MintedCredential m = mint(p256, SignatureScheme.ED25519, Duration.ofDays(7));
    assertThat(verifier.verify(m.credential(), p256.certificate()).valid()).isTrue();
    Clock earlier = Clock.offset(Fixtures.CLOCK, Duration.ofSeconds(-1));
    assertThat(new CredentialVerifier(earlier).verify(m.credential(), p256.certificate()).reasons())
        .containsExactly(Reason.VALIDITY_TOO_LONG);
  }

  @Test
  void verify_rsaeDcScheme_isSchemeNotAllowed() {
    byte[] rsaSpki = Fixtures.spki(KeyType.RSA2048);
    DelegatedCredential dc = Fixtures.signed(p256, SignatureScheme.RSA_PSS_RSAE_SHA256, rsaSpki,
        SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(1));
    assertThat(verifier.verify(dc, p256.certificate()).reasons()).containsExactly(Reason.SCHEME_NOT_ALLOWED);
  }

  @Test
  void verify_pkcs1DcScheme_isSchemeNotAllowed() {
    DelegatedCredential dc = Fixtures.signed(p256, SignatureScheme.RSA_PKCS1_SHA256, Fixtures.spki(KeyType.RSA2048),
        SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(1));
    assertThat(verifier.verify(dc, p256.certificate()).reasons()).containsExactly(Reason.SCHEME_NOT_ALLOWED);
  }

  @Test
  void verify_pkcs1SignatureAlgorithm_isSchemeNotAllowed() {
    DelegatedCredential dc = Fixtures.signed(rsa, SignatureScheme.ED25519, Fixtures.spki(KeyType.ED25519),
        SignatureScheme.RSA_PKCS1_SHA256, Duration.ofHours(1));
    assertThat(verifier.verify(dc, rsa.certificate()).reasons()).contains(Reason.SCHEME_NOT_ALLOWED);
  }

  @Test
  void verify_spkiOfAnotherCurve_isSpkiSchemeMismatch() {
    DelegatedCredential dc = Fixtures.signed(p256, SignatureScheme.ECDSA_SECP384R1_SHA384, Fixtures.spki(KeyType.P256),
        SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(1));
    VerificationResult result = verifier.verify(dc, p256.certificate());
    assertThat(result.reasons()).containsExactly(Reason.SPKI_SCHEME_MISMATCH);
    assertThat(result.describe()).contains("ecdsa_secp256r1_sha256").contains("ecdsa_secp384r1_sha384");
  }

  @Test
  void verify_rsaEncryptionSpkiForPssPssScheme_isSpkiSchemeMismatch() {
    DelegatedCredential dc = Fixtures.signed(p256, SignatureScheme.RSA_PSS_PSS_SHA256, Fixtures.spki(KeyType.RSA2048),
        SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(1));
    assertThat(verifier.verify(dc, p256.certificate()).reasons()).containsExactly(Reason.SPKI_SCHEME_MISMATCH);
  }

  @Test
  void verify_spkiThatIsNotDer_isSpkiSchemeMismatch() {
    DelegatedCredential dc = Fixtures.signed(p256, SignatureScheme.ED25519, new byte[] {0x30, 0x03, 0x01, 0x02},
        SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(1));
    assertThat(verifier.verify(dc, p256.certificate()).reasons()).containsExactly(Reason.SPKI_SCHEME_MISMATCH);
  }

  @Test
  void verify_algorithmNotFittingCertificateKey_isBadSignature() {
    DelegatedCredential good = mint(p256, SignatureScheme.ED25519, Duration.ofHours(1)).credential();
    DelegatedCredential relabelled = DelegatedCredential.of(good.credential(), SignatureScheme.ED25519, good.signature());
    VerificationResult result = verifier.verify(relabelled, p256.certificate());
    assertThat(result.reasons()).containsExactly(Reason.BAD_SIGNATURE);
    assertThat(result.describe()).contains("does not fit the certificate key");
  }

  @Test
  void verify_signedByAnotherCertificate_isBadSignature() {
    CertificateMaker.Made other = CertificateMaker.forName("other.example").clock(Fixtures.CLOCK).make();
    MintedCredential m = mint(other, SignatureScheme.ED25519, Duration.ofHours(1));
    assertThat(verifier.verify(m.credential(), p256.certificate()).reasons()).containsExactly(Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_certificateWithCriticalDelegationUsage_isNotDelegationCertificate() {
    CertificateMaker.Made crit = CertificateMaker.forName("crit.example").clock(Fixtures.CLOCK).delegationUsage(true, true).make();
    DelegatedCredential dc = Fixtures.signed(crit, SignatureScheme.ED25519, Fixtures.spki(KeyType.ED25519),
        SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(1));
    VerificationResult result = verifier.verify(dc, crit.certificate());
    assertThat(result.reasons()).containsExactly(Reason.NOT_DELEGATION_CERTIFICATE);
    assertThat(result.describe()).contains("critical");
  }

  @Test
  void verify_withAnotherKey_isKeyMismatch_evenOfAnotherType() {
    MintedCredential m = mint(p256, SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(1));
    MintedCredential other = mint(p256, SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(1));
    MintedCredential ed = mint(p256, SignatureScheme.ED25519, Duration.ofHours(1));
    assertThat(verifier.verify(m.credential(), p256.certificate(), m.privateKey()).valid()).isTrue();
    assertThat(verifier.verify(m.credential(), p256.certificate(), other.privateKey()).reasons()).containsExactly(Reason.KEY_MISMATCH);
    assertThat(verifier.verify(m.credential(), p256.certificate(), ed.privateKey()).reasons()).containsExactly(Reason.KEY_MISMATCH);
  }

  @Test
  void verify_manyProblems_reportsAllOfThem() {
    CertificateMaker.Made nodu = CertificateMaker.forName("nodu.example").clock(Fixtures.CLOCK).delegationUsage(false, false).make();
    DelegatedCredential dc = Fixtures.signed(p256, SignatureScheme.RSA_PSS_RSAE_SHA256, Fixtures.spki(KeyType.P256),
        SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofDays(30));
    VerificationResult result = verifier.verify(dc, nodu.certificate(), Fixtures.cert(KeyType.ED25519).privateKey());
    assertThat(result.reasons()).containsExactlyInAnyOrder(Reason.VALIDITY_TOO_LONG, Reason.SCHEME_NOT_ALLOWED,
        Reason.BAD_SIGNATURE, Reason.NOT_DELEGATION_CERTIFICATE, Reason.KEY_MISMATCH);
    assertThat(result.failures()).allSatisfy(f -> assertThat(f.message()).isNotBlank());
  }
}
