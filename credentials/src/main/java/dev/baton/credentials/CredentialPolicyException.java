package dev.baton.credentials;

/** A credential the minter refuses to make (validity too long, past notAfter, bad scheme, ...). */
public class CredentialPolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CredentialPolicyException(String message) {
    super(message);
  }

  public CredentialPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
