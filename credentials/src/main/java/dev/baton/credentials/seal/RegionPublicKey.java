package dev.baton.credentials.seal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** A region's HPKE public key (X25519, raw 32 bytes). */
public final class RegionPublicKey {
  /** HPKE KEM id of DHKEM(X25519, HKDF-SHA256). */
  public static final int KEM_X25519_HKDF_SHA256 = 0x0020;

  private final byte[] raw;
  private final String keyId;

  private RegionPublicKey(byte[] raw) {
    this.raw = raw;
    this.keyId = HexFormat.of().formatHex(Arrays.copyOf(sha256(raw), 16));
  }

  /** From the raw serialized key (HPKE SerializePublicKey). Throws {@link SealException} if not 32 bytes. */
  public static RegionPublicKey fromRaw(byte[] raw) {
    requireNonNull(raw, "raw must not be null");
    if (raw.length != X25519PublicKeyParameters.KEY_SIZE) {
      throw new SealException("an X25519 region public key is 32 bytes, got " + raw.length);
    }
    return new RegionPublicKey(raw.clone());
  }

  /** From PEM text (SubjectPublicKeyInfo, X25519). Throws {@link SealException} otherwise. */
  public static RegionPublicKey parsePem(String pem) {
    requireNonNull(pem, "pem must not be null");
    byte[] der = PemBlocks.decode(pem, "PUBLIC KEY");
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(der);
    } catch (IOException | RuntimeException e) {
      throw new SealException("not a SubjectPublicKeyInfo (" + e.getClass().getSimpleName() + ")");
    }
    if (!(key instanceof X25519PublicKeyParameters x)) {
      throw new SealException("region keys are X25519; found " + key.getClass().getSimpleName());
    }
    return new RegionPublicKey(x.getEncoded());
  }

  public byte[] raw() {
    return raw.clone();
  }

  public String encodePem() {
    try {
      return PemBlocks.encode("PUBLIC KEY",
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(new X25519PublicKeyParameters(raw)).getEncoded());
    } catch (IOException e) {
      throw new SealException("cannot encode the region public key", e);
    }
  }

  /** Key id: lowercase hex of the first 16 bytes of SHA-256 over the raw key. */
  public String keyId() {
    return keyId;
  }

  /** HPKE KEM id (0x0020). */
  public int kemId() {
    return KEM_X25519_HKDF_SHA256;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegionPublicKey k && Arrays.equals(raw, k.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "RegionPublicKey[keyId=" + keyId + "]";
  }
}
