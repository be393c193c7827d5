package dev.baton.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.avro.v1.RegionKey;
import dev.baton.credentials.seal.RegionKeyPair;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegionEntryTest {

  private final RegionKeyPair key = RegionKeyPair.generate();

  private RegionKey.Builder record(String region) {
    return RegionKey.newBuilder().setRegion(region).setKeyId(key.publicKey().keyId()).setKemId(key.publicKey().kemId())
        .setPublicKey(ByteBuffer.wrap(key.publicKey().raw())).setCreatedAt(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void of_wellFormedRecord_isAccepted() {
    RegionEntry e = RegionEntry.of("eu", record("eu").build());
    assertThat(e.keyId()).isEqualTo(key.publicKey().keyId());
    assertThat(e.key()).isEqualTo(key.publicKey());
  }

  @Test
  void of_keyIdThatDoesNotMatchTheKey_isRejected() {
    assertThatThrownBy(() -> RegionEntry.of("eu", record("eu").setKeyId("00".repeat(16)).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyId").hasMessageContaining("eu");
  }

  @Test
  void of_recordKeyNamingAnotherRegion_isRejected() {
    assertThatThrownBy(() -> RegionEntry.of("us", record("eu").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'us'");
  }

  @Test
  void of_badRegionNameOrKeyBytes_isRejected() {
    assertThatThrownBy(() -> RegionEntry.of("EU", record("EU").build())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegionEntry.of("eu", record("eu").setPublicKey(ByteBuffer.wrap(new byte[5])).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decode");
    assertThatThrownBy(() -> RegionEntry.of("eu", record("eu").setKemId(0x10).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kemId");
  }
}
