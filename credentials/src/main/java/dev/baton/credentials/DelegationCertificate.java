package dev.baton.credentials;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An end-entity certificate that may delegate (RFC 9345 section 4.2): DelegationUsage extension
 * (1.3.6.1.4.1.44363.44, NULL, non-critical) and digitalSignature key usage. Holds the chain,
 * end-entity first.
 */
public final class DelegationCertificate {

  /** Checks section 4.2; throws {@link CredentialPolicyException} naming what is missing. */
  public static DelegationCertificate of(List<X509Certificate> chain) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The section 4.2 problems of a certificate (empty when it may delegate). */
  public static List<String> problems(X509Certificate certificate) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The end-entity certificate. */
  public X509Certificate certificate() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The chain, end-entity first. */
  public List<X509Certificate> chain() {
    throw new UnsupportedOperationException("skeleton");
  }
}
