package dev.baton.credentials;

import java.security.PublicKey;
import java.util.Set;

/** Signs with a certificate's private key; a PKCS#11 or KMS signer implements this too. */
public interface Signer {
  /** The public key matching the signing key. */
  PublicKey publicKey();

  /** The schemes this key can sign with. */
  Set<SignatureScheme> supportedSchemes();

  /** Signs data with the scheme. */
  byte[] sign(SignatureScheme scheme, byte[] data);
}
