package dev.baton.credentials;

import static java.util.Objects.requireNonNull;

import dev.baton.credentials.VerificationResult.Failure;
import dev.baton.credentials.VerificationResult.Reason;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every check a TLS client makes on a DC (RFC 9345 section 4.1.3 and 4.2). */
public final class CredentialVerifier {
  private final Clock clock;

  public CredentialVerifier(Clock clock) {
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /** Checks the DC against its delegation certificate at the clock's now. */
  public VerificationResult verify(DelegatedCredential dc, X509Certificate certificate) {
    requireNonNull(dc, "dc must not be null");
    requireNonNull(certificate, "certificate must not be null");
    List<Failure> failures = new ArrayList<>();
    Instant now = clock.instant();
    Instant expiresAt = dc.expiresAt(certificate);
    checkTime(now, expiresAt, failures);
    checkScheme(dc, failures);
    checkSignature(dc, certificate, failures);
    List<String> problems = DelegationCertificate.problems(certificate);
    if (!problems.isEmpty()) {
      failures.add(new Failure(Reason.NOT_DELEGATION_CERTIFICATE,
          "the certificate cannot delegate (RFC 9345 section 4.2): " + String.join("; ", problems)));
    }
    return new VerificationResult(List.copyOf(failures), expiresAt);
  }

  /** Also checks that the private key matches the DC's public key. */
  public VerificationResult verify(DelegatedCredential dc, X509Certificate certificate, PrivateKey dcPrivateKey) {
    requireNonNull(dcPrivateKey, "dcPrivateKey must not be null");
    VerificationResult result = verify(dc, certificate);
    if (keyMatches(dc, dcPrivateKey)) {
      return result;
    }
    List<Failure> failures = new ArrayList<>(result.failures());
    failures.add(new Failure(Reason.KEY_MISMATCH, "the private key does not belong to the DC's public key"));
    return new VerificationResult(List.copyOf(failures), result.expiresAt());
  }

  private static boolean keyMatches(DelegatedCredential dc, PrivateKey key) {
    try {
      return Keys.matches(key, dc.publicKey());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void checkTime(Instant now, Instant expiresAt, List<Failure> failures) {
    if (!now.isBefore(expiresAt)) {
      failures.add(new Failure(Reason.EXPIRED, "expired at " + expiresAt + " (now " + now + ")"));
    } else if (Duration.between(now, expiresAt).compareTo(CredentialMinter.MAX_VALIDITY) > 0) {
      failures.add(new Failure(Reason.VALIDITY_TOO_LONG, "valid until " + expiresAt + ", more than 7 days after now ("
          + now + ")"));
    }
  }

  private static void checkScheme(DelegatedCredential dc, List<Failure> failures) {
    SignatureScheme scheme = dc.credential().dcCertVerifyAlgorithm();
    if (!scheme.allowedForDelegatedCredential()) {
      failures.add(new Failure(Reason.SCHEME_NOT_ALLOWED, "dc_cert_verify_algorithm " + scheme
          + " is not allowed for a delegated credential (TLS 1.3 CertificateVerify, not rsa_pss_rsae_*)"));
    } else {
      Set<SignatureScheme> keySchemes = KeySchemes.forSpki(dc.credential().subjectPublicKeyInfo());
      if (!keySchemes.contains(scheme) || !decodes(dc)) {
        failures.add(new Failure(Reason.SPKI_SCHEME_MISMATCH, "the DC public key ("
            + (keySchemes.isEmpty() ? "unsupported or malformed SPKI" : "usable with " + keySchemes)
            + ") does not match dc_cert_verify_algorithm " + scheme));
      }
    }
    if (!dc.algorithm().allowedInTls13()) {
      failures.add(new Failure(Reason.SCHEME_NOT_ALLOWED, "algorithm " + dc.algorithm()
          + " is not allowed in TLS 1.3 signatures"));
    }
  }

  private static boolean decodes(DelegatedCredential dc) {
    try {
      dc.publicKey();
      return true;
    } catch (MalformedCredentialException e) {
      return false;
    }
  }

  private static void checkSignature(DelegatedCredential dc, X509Certificate certificate, List<Failure> failures) {
    Set<SignatureScheme> certSchemes = KeySchemes.forSpki(certificate.getPublicKey().getEncoded());
    if (!certSchemes.contains(dc.algorithm())) {
      failures.add(new Failure(Reason.BAD_SIGNATURE, "algorithm " + dc.algorithm()
          + " does not fit the certificate key (usable with " + certSchemes + ")"));
      return;
    }
    PublicKey certKey = Crypto.bcPublicKey(certificate.getPublicKey());
    byte[] input = DelegatedCredential.signatureInput(certificate, dc.credential(), dc.algorithm());
    if (!Crypto.verify(dc.algorithm(), certKey, input, dc.signature())) {
      failures.add(new Failure(Reason.BAD_SIGNATURE, "the signature does not verify with the certificate key ("
          + dc.algorithm() + ")"));
    }
  }
}
