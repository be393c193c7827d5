package dev.baton.credentials;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Certificate key types Baton can create ({@code baton cert create --key-type}). */
public enum KeyType {
  P256("p256", "SHA256withECDSA"),
  P384("p384", "SHA384withECDSA"),
  P521("p521", "SHA512withECDSA"),
  ED25519("ed25519", "Ed25519"),
  ED448("ed448", "Ed448"),
  RSA2048("rsa2048", "SHA256withRSA"),
  /** An RSASSA-PSS (id-RSASSA-PSS) key; certificates signed by such a key use RSASSA-PSS too. */
  RSAPSS2048("rsapss2048", "SHA256withRSAandMGF1");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String cliName;
  private final String certificateSignatureAlgorithm;

  KeyType(String cliName, String certificateSignatureAlgorithm) {
    this.cliName = cliName;
    this.certificateSignatureAlgorithm = certificateSignatureAlgorithm;
  }

  /** The command-line name, e.g. {@code p256}. */
  public String cliName() {
    return cliName;
  }

  /** The JCA algorithm a key of this type signs certificates with. */
  public String certificateSignatureAlgorithm() {
    return certificateSignatureAlgorithm;
  }

  /** Parses a command-line name (case-insensitive); the error lists the valid names. */
  public static KeyType parse(String name) {
    for (KeyType t : values()) {
      if (t.cliName.equalsIgnoreCase(name.trim()) || t.name().equalsIgnoreCase(name.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown key type '" + name + "'; valid: "
        + Arrays.stream(values()).map(KeyType::cliName).collect(Collectors.joining(", ")));
  }

  /** A fresh key pair of this type (Bouncy Castle keys). */
  public KeyPair generate() {
    try {
      KeyPairGenerator g = switch (this) {
        case P256, P384, P521 -> {
          KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", Crypto.BC);
          ec.initialize(new ECGenParameterSpec(this == P256 ? "secp256r1" : this == P384 ? "secp384r1" : "secp521r1"), RANDOM);
          yield ec;
        }
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519", Crypto.BC);
        case ED448 -> KeyPairGenerator.getInstance("Ed448", Crypto.BC);
        case RSA2048, RSAPSS2048 -> {
          KeyPairGenerator rsa = KeyPairGenerator.getInstance(this == RSA2048 ? "RSA" : "RSASSA-PSS", Crypto.BC);
          rsa.initialize(2048, RANDOM);
          yield rsa;
        }
      };
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key generation for " + cliName + " failed", e);
    }
  }

  @Override
  public String toString() {
    return cliName;
  }

}
