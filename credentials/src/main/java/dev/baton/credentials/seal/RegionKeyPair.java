package dev.baton.credentials.seal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/** A region's HPKE key pair. {@code toString} never shows the private key. */
public final class RegionKeyPair {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X25519PrivateKeyParameters privateKey;
  private final RegionPublicKey publicKey;

  private RegionKeyPair(X25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = RegionPublicKey.fromRaw(privateKey.generatePublicKey().getEncoded());
  }

  public static RegionKeyPair generate() {
    return new RegionKeyPair(new X25519PrivateKeyParameters(RANDOM));
  }

  /** From PKCS#8 PEM text of the X25519 private key. Throws {@link SealException} otherwise. */
  public static RegionKeyPair parsePrivatePem(String pem) {
    requireNonNull(pem, "pem must not be null");
    byte[] der = PemBlocks.decode(pem, "PRIVATE KEY");
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(der);
    } catch (IOException | RuntimeException e) {
      throw new SealException("not a PKCS#8 private key (" + e.getClass().getSimpleName() + ")");
    }
    if (!(key instanceof X25519PrivateKeyParameters x)) {
      throw new SealException("region keys are X25519; found " + key.getClass().getSimpleName());
    }
    return new RegionKeyPair(x);
  }

  public RegionPublicKey publicKey() {
    return publicKey;
  }

  /** PKCS#8 PEM text of the private key. */
  public String encodePrivatePem() {
    try {
      return PemBlocks.encode("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded());
    } catch (IOException e) {
      throw new SealException("cannot encode the region private key", e);
    }
  }

  /** The key pair in Bouncy Castle's HPKE form (package-private). */
  AsymmetricCipherKeyPair hpkeKeyPair() {
    return new AsymmetricCipherKeyPair(new X25519PublicKeyParameters(publicKey.raw()), privateKey);
  }

  @Override
  public String toString() {
    return "RegionKeyPair[keyId=" + publicKey.keyId() + ", privateKey=***]";
  }
}
