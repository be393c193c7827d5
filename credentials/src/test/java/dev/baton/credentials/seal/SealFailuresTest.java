package dev.baton.credentials.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Everything that must not open, or not seal. */
class SealFailuresTest {
  private static final RegionKeyPair EU = RegionKeyPair.generate();
  private static final SealBinding BINDING = new SealBinding("eu", "cert-1", "ab".repeat(32));
  private static final byte[] SECRET = "a private key".getBytes(StandardCharsets.UTF_8);

  @Test
  void open_tamperedCiphertextOrEnc_fails() {
    SealedBox box = RegionSealer.seal(EU.publicKey(), BINDING, SECRET);
    for (int i = 0; i < box.ciphertext().length; i++) {
      byte[] ct = box.ciphertext();
      ct[i] ^= 1;
      SealedBox tampered = new SealedBox(box.kemId(), box.kdfId(), box.aeadId(), box.regionKeyId(), box.encapsulatedKey(), ct);
      assertThatThrownBy(() -> RegionSealer.open(EU, BINDING, tampered)).as("ciphertext byte %d", i).isInstanceOf(SealException.class);
    }
    byte[] enc = box.encapsulatedKey();
    enc[0] ^= 1;
    SealedBox badEnc = new SealedBox(box.kemId(), box.kdfId(), box.aeadId(), box.regionKeyId(), enc, box.ciphertext());
    assertThatThrownBy(() -> RegionSealer.open(EU, BINDING, badEnc)).isInstanceOf(SealException.class);
    SealedBox shortEnc = new SealedBox(box.kemId(), box.kdfId(), box.aeadId(), box.regionKeyId(), new byte[31], box.ciphertext());
    assertThatThrownBy(() -> RegionSealer.open(EU, BINDING, shortEnc)).isInstanceOf(SealException.class).hasMessageContaining("32 bytes");
  }

  @Test
  void open_otherSuite_isRefusedNamingIt() {
    SealedBox box = RegionSealer.seal(EU.publicKey(), BINDING, SECRET);
    SealedBox chacha = new SealedBox(box.kemId(), box.kdfId(), 0x0003, box.regionKeyId(), box.encapsulatedKey(), box.ciphertext());
    assertThatThrownBy(() -> RegionSealer.open(EU, BINDING, chacha)).isInstanceOf(SealException.class).hasMessageContaining("aead=0x0003");
  }

  @Test
  void seal_lowOrderRegionKey_failsWithSealException() {
    RegionPublicKey zero = RegionPublicKey.fromRaw(new byte[32]);
    assertThatThrownBy(() -> RegionSealer.seal(zero, BINDING, SECRET)).isInstanceOf(SealException.class);
  }

  @Test
  void keys_wrongLengthOrType_areRefused() {
    assertThatThrownBy(() -> RegionPublicKey.fromRaw(new byte[31])).isInstanceOf(SealException.class).hasMessageContaining("32 bytes");
    String ed25519Spki = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
    assertThatThrownBy(() -> RegionPublicKey.parsePem(ed25519Spki)).isInstanceOf(SealException.class).hasMessageContaining("X25519");
    assertThatThrownBy(() -> RegionKeyPair.parsePrivatePem("not pem")).isInstanceOf(SealException.class);
    assertThatThrownBy(() -> RegionPublicKey.parsePem(EU.encodePrivatePem())).isInstanceOf(SealException.class);
  }

  @Test
  void binding_emptyOrNullFields_areRefused() {
    assertThatThrownBy(() -> new SealBinding("", "c", "f")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
    assertThatThrownBy(() -> new SealBinding("eu", null, "f")).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("certificateId");
    assertThat(new SealBinding("eu", "c", "f").info()).startsWith(0, SealBinding.LABEL.length());
  }
}
