package dev.baton.credentials.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RegionSealerTest {
  private static final RegionKeyPair EU = RegionKeyPair.generate();
  private static final RegionKeyPair US = RegionKeyPair.generate();
  private static final SealBinding BINDING = new SealBinding("eu", "cert-1", "ab".repeat(32));
  private static final byte[] SECRET = "pkcs8 bytes".getBytes(StandardCharsets.UTF_8);

  @Test
  void sealThenOpen_sameKeyAndBinding_returnsPlaintext() {
    SealedBox box = RegionSealer.seal(EU.publicKey(), BINDING, SECRET);
    assertThat(box.kemId()).isEqualTo(0x0020);
    assertThat(box.kdfId()).isEqualTo(0x0001);
    assertThat(box.aeadId()).isEqualTo(0x0001);
    assertThat(box.regionKeyId()).isEqualTo(EU.publicKey().keyId());
    assertThat(box.encapsulatedKey()).hasSize(32);
    assertThat(RegionSealer.open(EU, BINDING, box)).isEqualTo(SECRET);
  }

  @Test
  void open_withAnotherRegionsKey_fails() {
    SealedBox box = RegionSealer.seal(EU.publicKey(), BINDING, SECRET);
    assertThatThrownBy(() -> RegionSealer.open(US, BINDING, box)).isInstanceOf(SealException.class)
        .hasMessageContaining(EU.publicKey().keyId());
    // Even with the key id forged to the other key's, HPKE itself refuses.
    SealedBox forged = new SealedBox(box.kemId(), box.kdfId(), box.aeadId(), US.publicKey().keyId(),
        box.encapsulatedKey(), box.ciphertext());
    assertThatThrownBy(() -> RegionSealer.open(US, BINDING, forged)).isInstanceOf(SealException.class);
  }

  @Test
  void open_withAnotherBinding_fails() {
    SealedBox box = RegionSealer.seal(EU.publicKey(), BINDING, SECRET);
    for (SealBinding other : new SealBinding[] {
        new SealBinding("us", "cert-1", BINDING.dcFingerprint()),
        new SealBinding("eu", "cert-2", BINDING.dcFingerprint()),
        new SealBinding("eu", "cert-1", "cd".repeat(32))}) {
      assertThatThrownBy(() -> RegionSealer.open(EU, other, box)).isInstanceOf(SealException.class)
          .hasMessageNotContaining(EU.encodePrivatePem());
    }
  }

  @Test
  void info_isLengthPrefixed_soShiftedFieldsDiffer() {
    assertThat(new SealBinding("eu", "a-b", "c").info()).isNotEqualTo(new SealBinding("eu-a", "b", "c").info());
    assertThat(new SealBinding("eu", "ab", "c").info()).isNotEqualTo(new SealBinding("eu", "a", "bc").info());
  }

  @Test
  void pem_roundTrips_andKeyIdIsTruncatedSha256OfRaw() throws Exception {
    RegionKeyPair parsed = RegionKeyPair.parsePrivatePem(EU.encodePrivatePem());
    assertThat(parsed.publicKey()).isEqualTo(EU.publicKey());
    assertThat(RegionPublicKey.parsePem(EU.publicKey().encodePem())).isEqualTo(EU.publicKey());
    assertThat(RegionPublicKey.fromRaw(EU.publicKey().raw())).isEqualTo(EU.publicKey());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(EU.publicKey().raw());
    assertThat(EU.publicKey().keyId()).isEqualTo(HexFormat.of().formatHex(digest, 0, 16));
    assertThat(EU.toString()).doesNotContain(EU.encodePrivatePem().lines().skip(1).findFirst().orElseThrow());
  }
}
