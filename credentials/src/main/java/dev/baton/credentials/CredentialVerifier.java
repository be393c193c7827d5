package dev.baton.credentials;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;

/** Every check a TLS client makes on a DC (RFC 9345 section 4.1.3 and 4.2). */
public final class CredentialVerifier {

  public CredentialVerifier(Clock clock) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Checks the DC against its delegation certificate at the clock's now. */
  public VerificationResult verify(DelegatedCredential dc, X509Certificate certificate) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Also checks that the private key matches the DC's public key. */
  public VerificationResult verify(DelegatedCredential dc, X509Certificate certificate, PrivateKey dcPrivateKey) {
    throw new UnsupportedOperationException("skeleton");
  }
}
