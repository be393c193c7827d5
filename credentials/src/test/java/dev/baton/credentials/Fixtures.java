package dev.baton.credentials;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

/** Hand-made DCs for negative tests: any field, correctly signed by the certificate key. */
final class Fixtures {
  static final Clock CLOCK = TestData.at("2026-12-03T10:00:00Z");

  private Fixtures() {}

  static CertificateMaker.Made cert(KeyType type) {
    return RoundTripTest.cert(type);
  }

  /** A DC with the given DC scheme and key, signed with {@code algorithm} by the certificate's key. */
  static DelegatedCredential signed(CertificateMaker.Made cert, SignatureScheme dcScheme, byte[] spki, SignatureScheme algorithm,
      Duration validFromNow) {
    X509Certificate c = cert.certificate();
    Duration validTime = Duration.between(c.getNotBefore().toInstant(), CLOCK.instant().plus(validFromNow));
    Credential credential = new Credential(validTime, dcScheme, spki);
    byte[] signature;
    try {
      signature = Crypto.sign(algorithm, Crypto.privateKeyFromPkcs8(cert.privateKey().getEncoded()),
          DelegatedCredential.signatureInput(c, credential, algorithm));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return DelegatedCredential.of(credential, algorithm, signature);
  }

  static byte[] spki(KeyType type) {
    KeyPair pair = type.generate();
    return pair.getPublic().getEncoded();
  }
}
