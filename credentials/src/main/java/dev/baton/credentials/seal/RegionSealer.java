package dev.baton.credentials.seal;

import static java.util.Objects.requireNonNull;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/** HPKE base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, via Bouncy Castle. */
public final class RegionSealer {
  /** HPKE KDF id of HKDF-SHA256. */
  public static final int KDF_HKDF_SHA256 = 0x0001;
  /** HPKE AEAD id of AES-128-GCM. */
  public static final int AEAD_AES_128_GCM = 0x0001;

  private static final byte[] NO_AAD = new byte[0];

  private RegionSealer() {}

  private static HPKE hpke() {
    return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
  }

  public static SealedBox seal(RegionPublicKey key, SealBinding binding, byte[] plaintext) {
    requireNonNull(key, "key must not be null");
    requireNonNull(binding, "binding must not be null");
    requireNonNull(plaintext, "plaintext must not be null");
    try {
      HPKEContextWithEncapsulation ctx = hpke().setupBaseS(new X25519PublicKeyParameters(key.raw()), binding.info());
      byte[] ciphertext = ctx.seal(NO_AAD, plaintext);
      return new SealedBox(key.kemId(), KDF_HKDF_SHA256, AEAD_AES_128_GCM, key.keyId(), ctx.getEncapsulation(), ciphertext);
    } catch (InvalidCipherTextException | RuntimeException e) {
      // e.g. a low-order region public key makes the X25519 agreement fail.
      throw new SealException("cannot seal to region key " + key.keyId() + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Throws {@link SealException} if the key, binding or box do not match. */
  public static byte[] open(RegionKeyPair key, SealBinding binding, SealedBox box) {
    requireNonNull(key, "key must not be null");
    requireNonNull(binding, "binding must not be null");
    requireNonNull(box, "box must not be null");
    if (box.kemId() != RegionPublicKey.KEM_X25519_HKDF_SHA256 || box.kdfId() != KDF_HKDF_SHA256
        || box.aeadId() != AEAD_AES_128_GCM) {
      throw new SealException(String.format("unsupported HPKE suite kem=0x%04x kdf=0x%04x aead=0x%04x;"
          + " expected kem=0x0020 kdf=0x0001 aead=0x0001", box.kemId(), box.kdfId(), box.aeadId()));
    }
    if (!box.regionKeyId().equals(key.publicKey().keyId())) {
      throw new SealException("sealed to region key " + box.regionKeyId() + ", but this region key is "
          + key.publicKey().keyId());
    }
    if (box.encapsulatedKey().length != X25519PublicKeyParameters.KEY_SIZE) {
      throw new SealException("encapsulated key must be 32 bytes, got " + box.encapsulatedKey().length);
    }
    try {
      return hpke().setupBaseR(box.encapsulatedKey(), key.hpkeKeyPair(), binding.info()).open(NO_AAD, box.ciphertext());
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new SealException("cannot open the sealed key for " + binding
          + ": wrong region key, different binding, or tampered box");
    }
  }
}
