package dev.baton.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Strict parsing and encoding of the RFC 9345 wire format, field by field. */
class ParserTest {
  private final byte[] peer = TestData.hex("peer_dc.hex");

  private static byte[] frame(long validTime, int scheme, byte[] spki, int algorithm, byte[] signature) {
    TlsWriter w = new TlsWriter(64);
    w.uint32(validTime);
    w.uint16(scheme);
    w.uint24(spki.length);
    w.bytes(spki);
    w.uint16(algorithm);
    w.uint16(signature.length);
    w.bytes(signature);
    return w.toByteArray();
  }

  @Test
  void parse_knownDc_exposesEveryField() {
    DelegatedCredential dc = DelegatedCredential.parse(peer);
    assertThat(dc.credential().validTime()).isEqualTo(Duration.ofSeconds(0x001cff98));
    assertThat(dc.credential().subjectPublicKeyInfo()).hasSize(0x5b).startsWith(0x30, 0x59);
    assertThat(dc.signature()).hasSize(0x47);
    assertThat(dc.credential().encode()).isEqualTo(Arrays.copyOf(peer, 9 + 0x5b));
  }

  @Test
  void parse_trailingByte_isMalformed() {
    byte[] longer = Arrays.copyOf(peer, peer.length + 1);
    assertThatThrownBy(() -> DelegatedCredential.parse(longer)).isInstanceOf(MalformedCredentialException.class)
        .hasMessageContaining("1 trailing bytes");
  }

  @Test
  void parse_everyTruncation_isMalformed() {
    for (int n = 0; n < peer.length; n++) {
      byte[] shorter = Arrays.copyOf(peer, n);
      assertThatThrownBy(() -> DelegatedCredential.parse(shorter)).as("first %d bytes", n)
          .isInstanceOf(MalformedCredentialException.class);
    }
  }

  @Test
  void parse_emptySpki_isMalformed() {
    byte[] wire = frame(10, 0x0403, new byte[0], 0x0403, new byte[] {1});
    assertThatThrownBy(() -> DelegatedCredential.parse(wire)).isInstanceOf(MalformedCredentialException.class)
        .hasMessageContaining("ASN1_subjectPublicKeyInfo: length 0");
  }

  @Test
  void parse_unknownSchemeOrAlgorithm_isMalformedNamingTheCode() {
    assertThatThrownBy(() -> DelegatedCredential.parse(frame(10, 0x0000, new byte[] {1}, 0x0403, new byte[0])))
        .isInstanceOf(MalformedCredentialException.class).hasMessageContaining("0x0000");
    assertThatThrownBy(() -> DelegatedCredential.parse(frame(10, 0x0403, new byte[] {1}, 0xfefe, new byte[0])))
        .isInstanceOf(MalformedCredentialException.class).hasMessageContaining("0xfefe");
  }

  @Test
  void parse_lengthBeyondInput_isMalformedNamingTheField() {
    byte[] wire = peer.clone();
    wire[wire.length - 0x47 - 1] = 0x48; // signature length one more than present
    assertThatThrownBy(() -> DelegatedCredential.parse(wire)).isInstanceOf(MalformedCredentialException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void parse_extremesOfEveryRange_roundTrip() {
    byte[] maxSignature = new byte[0xffff];
    byte[] wire = frame(0xffffffffL, 0x0807, new byte[] {0x30}, 0x0807, maxSignature);
    DelegatedCredential dc = DelegatedCredential.parse(wire);
    assertThat(dc.credential().validTime().getSeconds()).isEqualTo(0xffffffffL);
    assertThat(dc.encode()).isEqualTo(wire);
    byte[] emptySignature = frame(0, 0x0807, new byte[] {0x30}, 0x0807, new byte[0]);
    assertThat(DelegatedCredential.parse(emptySignature).signature()).isEmpty();
    byte[] maxSpki = new byte[0xffffff];
    assertThat(DelegatedCredential.parse(frame(1, 0x0807, maxSpki, 0x0807, new byte[0])).credential().subjectPublicKeyInfo())
        .hasSize(0xffffff);
  }

  @Test
  void construct_outOfRangeFields_isRefused() {
    assertThatThrownBy(() -> new Credential(Duration.ofSeconds(0x1_0000_0000L), SignatureScheme.ED25519, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validTime");
    assertThatThrownBy(() -> new Credential(Duration.ofMillis(1500), SignatureScheme.ED25519, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Credential(Duration.ofSeconds(1), SignatureScheme.ED25519, new byte[0x1000000]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subjectPublicKeyInfo");
    Credential c = new Credential(Duration.ofSeconds(1), SignatureScheme.ED25519, new byte[1]);
    assertThatThrownBy(() -> DelegatedCredential.of(c, SignatureScheme.ED25519, new byte[0x10000]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signature");
    assertThatThrownBy(() -> DelegatedCredential.parse(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("bytes must not be null");
  }

  @Test
  void values_areImmutable() {
    byte[] spki = {1, 2, 3};
    Credential c = new Credential(Duration.ofSeconds(1), SignatureScheme.ED25519, spki);
    spki[0] = 9;
    c.subjectPublicKeyInfo()[1] = 9;
    assertThat(c.subjectPublicKeyInfo()).containsExactly(1, 2, 3);
    DelegatedCredential dc = DelegatedCredential.parse(peer);
    dc.encode()[0] = 9;
    dc.signature()[0] = 9;
    assertThat(dc.encode()).isEqualTo(peer);
  }

  @Test
  void fingerprintAndSerial_areSha256OfTheWireBytes() throws Exception {
    DelegatedCredential dc = DelegatedCredential.parse(peer);
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(peer));
    assertThat(dc.fingerprint()).isEqualTo(sha);
    assertThat(dc.serial()).isEqualTo(sha.substring(0, 32));
  }

  @Test
  void schemeNames_parseCaseInsensitively_andUnknownNamesListTheValidOnes() {
    assertThat(SignatureScheme.parse("ECDSA_secp256r1_SHA256")).isEqualTo(SignatureScheme.ECDSA_SECP256R1_SHA256);
    assertThat(SignatureScheme.fromCode(0x080b)).isEqualTo(SignatureScheme.RSA_PSS_PSS_SHA512);
    assertThatThrownBy(() -> SignatureScheme.parse("p256")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ed25519");
  }
}
