package dev.baton.credentials;

import static java.util.Objects.requireNonNull;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mints RFC 9345 delegated credentials. All time comes from the clock. */
public final class CredentialMinter {
  /** RFC 9345 section 4.1.3: a DC may be valid for at most 7 days. */
  public static final Duration MAX_VALIDITY = Duration.ofDays(7);

  private static final Logger LOG = LoggerFactory.getLogger(CredentialMinter.class);

  private final Clock clock;

  public CredentialMinter(Clock clock) {
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /**
   * Mints a DC valid for {@code validity} from now with a fresh key of {@code dcScheme}'s type.
   * Throws {@link CredentialPolicyException} on any refusal (see the credentials issue).
   */
  public MintedCredential mint(DelegationCertificate certificate, Signer signer, SignatureScheme dcScheme, Duration validity) {
    requireNonNull(certificate, "certificate must not be null");
    requireNonNull(signer, "signer must not be null");
    requireNonNull(dcScheme, "dcScheme must not be null");
    requireNonNull(validity, "validity must not be null");
    X509Certificate cert = certificate.certificate();
    checkScheme(dcScheme);
    SignatureScheme algorithm = signingAlgorithm(cert, signer);
    Instant now = clock.instant();
    Duration validTime = validTime(cert, now, validity);

    KeyPair dcKey = Crypto.generateKeyPair(dcScheme);
    Credential credential = new Credential(validTime, dcScheme, dcKey.getPublic().getEncoded());
    byte[] signature = signer.sign(algorithm, DelegatedCredential.signatureInput(cert, credential, algorithm));
    DelegatedCredential dc = DelegatedCredential.of(credential, algorithm, signature);
    return new MintedCredential(dc, dcKey.getPrivate(), dc.expiresAt(cert));
  }

  private static void checkScheme(SignatureScheme dcScheme) {
    if (!dcScheme.allowedInTls13()) {
      throw new CredentialPolicyException("DC scheme " + dcScheme + " is not allowed in a TLS 1.3 CertificateVerify;"
          + " use one of " + SignatureScheme.mintable());
    }
    if (dcScheme.isRsaPssRsae()) {
      throw new CredentialPolicyException("DC scheme " + dcScheme + " uses the rsaEncryption key type, which RFC 9345"
          + " forbids for DC keys; use rsa_pss_pss_sha256/384/512 (RSASSA-PSS key) instead");
    }
    if (!SignatureScheme.mintable().contains(dcScheme)) {
      throw new CredentialPolicyException("cannot mint DC keys for " + dcScheme + "; use one of " + SignatureScheme.mintable());
    }
  }

  /** The scheme the certificate key signs with; the signer must hold exactly that key. */
  private static SignatureScheme signingAlgorithm(X509Certificate cert, Signer signer) {
    byte[] certSpki = cert.getPublicKey().getEncoded();
    if (!Arrays.equals(certSpki, signer.publicKey().getEncoded())
        && !sameRsaKey(cert.getPublicKey(), signer.publicKey())) {
      throw new CredentialPolicyException("the signer's key is not the key of certificate "
          + cert.getSubjectX500Principal() + "; use the certificate's private key");
    }
    SignatureScheme algorithm = KeySchemes.preferred(certSpki);
    if (!signer.supportedSchemes().contains(algorithm)) {
      throw new CredentialPolicyException("the signer cannot sign with " + algorithm + ", which the certificate key needs;"
          + " it supports " + signer.supportedSchemes());
    }
    if (algorithm.isRsaPssRsae()) {
      LOG.warn("certificate {} has an rsaEncryption key: the DC is signed with {}, but NSS (Firefox) refuses DCs"
          + " delegated by rsaEncryption certificates; prefer an ECDSA or Ed25519 delegation certificate",
          cert.getSubjectX500Principal(), algorithm);
    }
    return algorithm;
  }

  private static boolean sameRsaKey(java.security.PublicKey a, java.security.PublicKey b) {
    return a instanceof java.security.interfaces.RSAPublicKey ra && b instanceof java.security.interfaces.RSAPublicKey rb
        && ra.getModulus().equals(rb.getModulus()) && ra.getPublicExponent().equals(rb.getPublicExponent());
  }

  /** valid_time in whole seconds from notBefore, rounded down so the DC never outlives {@code validity}. */
  private static Duration validTime(X509Certificate cert, Instant now, Duration validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new CredentialPolicyException("validity must be positive, got " + validity);
    }
    if (validity.compareTo(MAX_VALIDITY) > 0) {
      throw new CredentialPolicyException("validity " + validity + " exceeds the RFC 9345 maximum of 7 days");
    }
    Instant notBefore = cert.getNotBefore().toInstant();
    Instant notAfter = cert.getNotAfter().toInstant();
    if (now.isBefore(notBefore)) {
      throw new CredentialPolicyException("certificate " + cert.getSubjectX500Principal() + " is not valid before "
          + notBefore + " (now " + now + ")");
    }
    Instant expiry = now.plus(validity);
    if (expiry.isAfter(notAfter)) {
      throw new CredentialPolicyException("the DC would expire at " + expiry + ", after the certificate's notAfter "
          + notAfter + "; shorten the validity or renew the certificate");
    }
    long seconds = Duration.between(notBefore, expiry).getSeconds();
    if (seconds > Credential.MAX_VALID_TIME) {
      throw new CredentialPolicyException("valid_time " + seconds + "s does not fit in 32 bits: the certificate's"
          + " notBefore " + notBefore + " is too far in the past");
    }
    return Duration.ofSeconds(seconds);
  }
}
