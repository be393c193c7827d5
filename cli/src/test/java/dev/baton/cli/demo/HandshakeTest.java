package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandshakeTest {
  private static final String SERIAL = "122ab29efcf361b64ef60759ffcfa8ef";
  // The lines tstclnt -v -B prints (format strings of NSS 3.x tstclnt), then the edge's answer.
  private static final String TSTCLNT = """
      tstclnt -4 -h 127.0.0.1 -p 41031 -B -v
      tstclnt: connecting to 127.0.0.1:41031 (address=127.0.0.1)
      tstclnt: SSL version 3.4 using 128-bit AES-GCM with 128-bit AEAD MAC
      tstclnt: Server Auth: 256-bit TLS 1.3, Key Exchange: 255-bit ECDHE
               Signature Scheme: ecdsa_secp256r1_sha256
      Received a Delegated Credential
      HTTP/1.1 200 OK\r
      Content-Type: text/plain\r
      \r
      datacenter fra1, certificate cert-1, delegated credential %s
      """.formatted(SERIAL);

  @Test
  void parse_tstclntOutput_findsDcSchemeKeySizeAndServedSerial() {
    Handshake.Result r = Handshake.parse(true, TSTCLNT);
    assertThat(r.succeeded()).isTrue();
    assertThat(r.delegatedCredential()).isTrue();
    assertThat(r.scheme()).isEqualTo("ecdsa_secp256r1_sha256");
    assertThat(r.serverKeyBits()).isEqualTo(256);
    assertThat(r.serial()).isEqualTo(SERIAL);
  }

  @Test
  void parse_failedHandshake_isNotASuccess() {
    Handshake.Result r = Handshake.parse(false, "tstclnt: write to SSL socket failed: SSL_ERROR_NO_CYPHER_OVERLAP");
    assertThat(r.succeeded()).isFalse();
    assertThat(r.delegatedCredential()).isFalse();
    assertThat(r.serial()).isNull();
  }
}
