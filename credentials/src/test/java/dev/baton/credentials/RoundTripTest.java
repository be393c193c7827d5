package dev.baton.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mint then verify for every DC key type and every certificate key type. */
class RoundTripTest {
  private static final Clock CLOCK = TestData.at("2026-12-03T10:00:00Z");
  private static final Map<KeyType, CertificateMaker.Made> CERTS = new ConcurrentHashMap<>();

  static CertificateMaker.Made cert(KeyType type) {
    return CERTS.computeIfAbsent(type, t -> CertificateMaker.forName(t.cliName() + ".example").keyType(t).clock(CLOCK).make());
  }

  /**
   * Every DC key type (P-256, P-384, P-521, Ed25519, Ed448, RSA-PSS) with every certificate key
   * type; the other two rsa_pss_pss hashes once each (RSA key generation is slow).
   */
  static List<Arguments> pairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (KeyType certType : KeyType.values()) {
      for (SignatureScheme dcScheme : SignatureScheme.mintable()) {
        boolean otherPssHash = dcScheme == SignatureScheme.RSA_PSS_PSS_SHA384 || dcScheme == SignatureScheme.RSA_PSS_PSS_SHA512;
        if (!otherPssHash || certType == KeyType.P256) {
          pairs.add(Arguments.of(certType, dcScheme));
        }
      }
    }
    return pairs;
  }

  @ParameterizedTest(name = "cert {0}, DC {1}")
  @MethodSource("pairs")
  void mintThenVerify_everyKeyTypePair_isValid(KeyType certType, SignatureScheme dcScheme) {
    CertificateMaker.Made made = cert(certType);
    MintedCredential minted = new CredentialMinter(CLOCK)
        .mint(DelegationCertificate.of(made.chain()), made.signer(), dcScheme, Duration.ofHours(24));

    DelegatedCredential parsed = DelegatedCredential.parse(minted.credential().encode());
    VerificationResult result = new CredentialVerifier(CLOCK)
        .verify(parsed, made.certificate(), minted.privateKey());

    assertThat(result.failures()).isEmpty();
    assertThat(parsed).isEqualTo(minted.credential());
    assertThat(parsed.credential().dcCertVerifyAlgorithm()).isEqualTo(dcScheme);
    assertThat(result.expiresAt()).isEqualTo(minted.expiresAt()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(24)));
  }
}
