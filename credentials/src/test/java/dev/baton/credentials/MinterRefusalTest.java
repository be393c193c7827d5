package dev.baton.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every refusal of the minter, each with a message a user can act on. */
class MinterRefusalTest {
  private final CertificateMaker.Made p256 = Fixtures.cert(KeyType.P256);
  private final DelegationCertificate delegation = DelegationCertificate.of(p256.chain());
  private final CredentialMinter minter = new CredentialMinter(Fixtures.CLOCK);

  private MintedCredential mint(SignatureScheme scheme, Duration validity) {
    return minter.mint(delegation, p256.signer(), scheme, validity);
  }

  @Test
  void mint_validityOverSevenDays_isRefused() {
    assertThatThrownBy(() -> mint(SignatureScheme.ED25519, Duration.ofDays(7).plusSeconds(1)))
        .isInstanceOf(CredentialPolicyException.class).hasMessageContaining("exceeds the RFC 9345 maximum of 7 days");
  }

  @Test
  void mint_validityOfExactlySevenDays_isAccepted() {
    MintedCredential minted = mint(SignatureScheme.ED25519, Duration.ofDays(7));
    assertThat(minted.expiresAt()).isEqualTo(Fixtures.CLOCK.instant().plus(Duration.ofDays(7)));
  }

  @Test
  void mint_zeroOrNegativeValidity_isRefused() {
    assertThatThrownBy(() -> mint(SignatureScheme.ED25519, Duration.ZERO)).isInstanceOf(CredentialPolicyException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> mint(SignatureScheme.ED25519, Duration.ofHours(-1))).isInstanceOf(CredentialPolicyException.class);
  }

  @Test
  void mint_expiryPastCertificateNotAfter_isRefused() {
    CertificateMaker.Made shortCert = CertificateMaker.forName("short.example").clock(Fixtures.CLOCK)
        .backdate(Duration.ZERO).validity(Duration.ofDays(2)).make();
    assertThatThrownBy(() -> minter.mint(DelegationCertificate.of(shortCert.chain()), shortCert.signer(),
        SignatureScheme.ED25519, Duration.ofDays(3)))
        .isInstanceOf(CredentialPolicyException.class).hasMessageContaining("after the certificate's notAfter");
  }

  @Test
  void mint_certificateNotYetValid_isRefused() {
    CertificateMaker.Made future = CertificateMaker.forName("future.example")
        .clock(java.time.Clock.offset(Fixtures.CLOCK, Duration.ofDays(1))).backdate(Duration.ZERO).make();
    assertThatThrownBy(() -> minter.mint(DelegationCertificate.of(future.chain()), future.signer(), SignatureScheme.ED25519,
        Duration.ofHours(1))).isInstanceOf(CredentialPolicyException.class).hasMessageContaining("not valid before");
  }

  @Test
  void delegationCertificate_withoutDelegationUsage_isRefused() {
    CertificateMaker.Made c = CertificateMaker.forName("nodu.example").clock(Fixtures.CLOCK).delegationUsage(false, false).make();
    assertThatThrownBy(() -> DelegationCertificate.of(c.chain())).isInstanceOf(CredentialPolicyException.class)
        .hasMessageContaining("no DelegationUsage extension");
  }

  @Test
  void delegationCertificate_withCriticalDelegationUsage_isRefused() {
    CertificateMaker.Made c = CertificateMaker.forName("crit.example").clock(Fixtures.CLOCK).delegationUsage(true, true).make();
    assertThatThrownBy(() -> DelegationCertificate.of(c.chain())).isInstanceOf(CredentialPolicyException.class)
        .hasMessageContaining("critical");
  }

  @Test
  void delegationCertificate_withoutDigitalSignatureUsage_isRefused() {
    CertificateMaker.Made c = CertificateMaker.forName("nods.example").clock(Fixtures.CLOCK).digitalSignature(false).make();
    assertThatThrownBy(() -> DelegationCertificate.of(c.chain())).isInstanceOf(CredentialPolicyException.class)
        .hasMessageContaining("digitalSignature");
    assertThatThrownBy(() -> DelegationCertificate.of(List.of())).isInstanceOf(CredentialPolicyException.class);
  }

  @ParameterizedTest
  @EnumSource(value = SignatureScheme.class, names = {"RSA_PKCS1_SHA256", "RSA_PKCS1_SHA384", "RSA_PKCS1_SHA512",
      "RSA_PKCS1_SHA1", "ECDSA_SHA1"})
  void mint_schemeNotAllowedInTls13_isRefused(SignatureScheme scheme) {
    assertThatThrownBy(() -> mint(scheme, Duration.ofHours(1))).isInstanceOf(CredentialPolicyException.class)
        .hasMessageContaining("not allowed in a TLS 1.3 CertificateVerify");
  }

  @ParameterizedTest
  @EnumSource(value = SignatureScheme.class, names = "RSA_PSS_RSAE_.*", mode = EnumSource.Mode.MATCH_ALL)
  void mint_rsaeScheme_isRefusedForRsaEncryptionKeyType(SignatureScheme scheme) {
    assertThatThrownBy(() -> mint(scheme, Duration.ofHours(1))).isInstanceOf(CredentialPolicyException.class)
        .hasMessageContaining("rsaEncryption").hasMessageContaining("rsa_pss_pss");
  }

  @Test
  void mint_signerOfAnotherKey_isRefused() {
    CertificateMaker.Made other = Fixtures.cert(KeyType.ED25519);
    assertThatThrownBy(() -> minter.mint(delegation, other.signer(), SignatureScheme.ED25519, Duration.ofHours(1)))
        .isInstanceOf(CredentialPolicyException.class).hasMessageContaining("not the key of certificate");
  }

  @Test
  void mint_signerWithoutTheNeededScheme_isRefused() {
    Signer limited = new DelegatingSigner(p256.signer(), EnumSet.noneOf(SignatureScheme.class), new AtomicInteger());
    assertThatThrownBy(() -> minter.mint(delegation, limited, SignatureScheme.ED25519, Duration.ofHours(1)))
        .isInstanceOf(CredentialPolicyException.class).hasMessageContaining("cannot sign with ecdsa_secp256r1_sha256");
  }

  @Test
  void mint_withAnotherSignerImplementation_signsThroughIt() {
    AtomicInteger calls = new AtomicInteger();
    Signer kms = new DelegatingSigner(p256.signer(), p256.signer().supportedSchemes(), calls);
    MintedCredential minted = minter.mint(delegation, kms, SignatureScheme.ECDSA_SECP384R1_SHA384, Duration.ofHours(1));
    assertThat(calls).hasValue(1);
    assertThat(new CredentialVerifier(Fixtures.CLOCK).verify(minted.credential(), p256.certificate()).failures()).isEmpty();
  }

  /** Stands in for a PKCS#11 or KMS signer: the minter only sees the interface. */
  private record DelegatingSigner(Signer inner, Set<SignatureScheme> schemes, AtomicInteger calls) implements Signer {
    @Override
    public PublicKey publicKey() {
      return inner.publicKey();
    }

    @Override
    public Set<SignatureScheme> supportedSchemes() {
      return schemes;
    }

    @Override
    public byte[] sign(SignatureScheme scheme, byte[] data) {
      calls.incrementAndGet();
      return inner.sign(scheme, data);
    }
  }
}
