package dev.baton.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemAndSignerTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void fileKeySigner_pkcs8Pem_derivesTheCertificatePublicKey(KeyType type) throws IOException {
    CertificateMaker.Made made = Fixtures.cert(type);
    Path key = Files.writeString(dir.resolve("key.pem"), Pem.encodePrivateKey(made.privateKey()));
    FileKeySigner signer = FileKeySigner.load(key);
    assertThat(Keys.matches(made.privateKey(), made.publicKey())).isTrue();
    assertThat(signer.supportedSchemes()).isNotEmpty();
    SignatureScheme scheme = signer.supportedSchemes().iterator().next();
    byte[] sig = signer.sign(scheme, new byte[] {1, 2, 3});
    assertThat(Crypto.verify(scheme, Crypto.bcPublicKey(made.publicKey()), new byte[] {1, 2, 3}, sig)).isTrue();
    assertThat(signer.toString()).doesNotContain(base64Body(Pem.encodePrivateKey(made.privateKey())));
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"P256", "P384", "RSA2048"})
  void readPrivateKey_traditionalSec1AndPkcs1Pem_isAccepted(KeyType type) throws IOException {
    KeyPair pair = type.generate();
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(pair);
    }
    assertThat(out.toString()).containsPattern("BEGIN (EC|RSA) PRIVATE KEY");
    PrivateKey read = Pem.parsePrivateKey(out.toString());
    assertThat(Keys.matches(read, pair.getPublic())).isTrue();
  }

  @Test
  void readPrivateKey_encryptedPkcs8_isRefusedWithoutLeakingContent() throws Exception {
    KeyPair pair = KeyType.P256.generate();
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(new JcaPKCS8Generator(pair.getPrivate(),
          new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setPassword("pw".toCharArray())
              .setProvider(Crypto.BC).build()));
    }
    Path file = Files.writeString(dir.resolve("enc.pem"), out.toString());
    assertThatThrownBy(() -> Pem.readPrivateKey(file)).isInstanceOf(PemException.class)
        .hasMessageContaining("encrypted").hasMessageContaining(file.toString());
  }

  @Test
  void readPrivateKey_garbageOrMissing_isPemExceptionNamingTheFile() throws IOException {
    String secretLooking = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n";
    Path bad = Files.writeString(dir.resolve("bad.pem"), secretLooking);
    assertThatThrownBy(() -> Pem.readPrivateKey(bad)).isInstanceOf(PemException.class)
        .hasMessageContaining("bad.pem").hasMessageNotContaining("MIGHAgEA");
    assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("missing.pem"))).isInstanceOf(PemException.class)
        .hasMessageContaining("missing.pem");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    assertThatThrownBy(() -> Pem.readPrivateKey(empty)).isInstanceOf(PemException.class).hasMessageContaining("no PRIVATE KEY");
    assertThatThrownBy(() -> Pem.readCertificates(empty)).isInstanceOf(PemException.class).hasMessageContaining("no CERTIFICATE");
  }

  @Test
  void certificates_encodeThenParse_keepsOrderAndBytes() throws Exception {
    CertificateMaker.Made made = Fixtures.cert(KeyType.ED448);
    String pem = Pem.encodeCertificates(List.of(made.certificate(), made.caCertificate()));
    var parsed = Pem.parseCertificates(pem.getBytes(StandardCharsets.US_ASCII));
    assertThat(parsed).hasSize(2);
    assertThat(parsed.get(0).getEncoded()).isEqualTo(made.certificate().getEncoded());
    assertThat(parsed.get(1).getEncoded()).isEqualTo(made.caCertificate().getEncoded());
  }

  @Test
  void signer_unsupportedScheme_isIllegalArgument() {
    Signer signer = Fixtures.cert(KeyType.P256).signer();
    assertThat(signer.supportedSchemes()).containsExactly(SignatureScheme.ECDSA_SECP256R1_SHA256);
    assertThatThrownBy(() -> signer.sign(SignatureScheme.ED25519, new byte[1])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot sign with ed25519");
    assertThat(Fixtures.cert(KeyType.RSA2048).signer().supportedSchemes())
        .containsExactlyInAnyOrder(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512);
    assertThat(Fixtures.cert(KeyType.RSAPSS2048).signer().supportedSchemes()).allMatch(s -> s.tlsName().startsWith("rsa_pss_pss"));
  }

  @Test
  void signerOf_mismatchedKeys_isRefused() {
    assertThatThrownBy(() -> FileKeySigner.of(Fixtures.cert(KeyType.P256).privateKey(), Fixtures.cert(KeyType.P384).publicKey()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
  }

  @Test
  void toStrings_neverShowPrivateKeys() {
    CertificateMaker.Made made = Fixtures.cert(KeyType.P256);
    MintedCredential minted = new CredentialMinter(Fixtures.CLOCK).mint(DelegationCertificate.of(made.chain()), made.signer(),
        SignatureScheme.ED25519, java.time.Duration.ofHours(1));
    String dcKey = base64Body(minted.privateKeyPem());
    assertThat(minted.toString()).doesNotContain(dcKey).contains("***");
    assertThat(made.toString()).doesNotContain(base64Body(Pem.encodePrivateKey(made.privateKey()))).contains("***");
  }

  private static String base64Body(String pem) {
    String body = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    assertThat(Base64.getDecoder().decode(body)).isNotEmpty();
    return body.substring(0, 40);
  }
}
