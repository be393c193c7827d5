package dev.baton.credentials;

import java.time.Clock;
import java.time.Duration;

/** Mints RFC 9345 delegated credentials. All time comes from the clock. */
public final class CredentialMinter {

  public CredentialMinter(Clock clock) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Mints a DC valid for {@code validity} from now with a fresh key of {@code dcScheme}'s type.
   * Throws {@link CredentialPolicyException} on any refusal (see the credentials issue).
   */
  public MintedCredential mint(DelegationCertificate certificate, Signer signer, SignatureScheme dcScheme, Duration validity) {
    throw new UnsupportedOperationException("skeleton");
  }
}
