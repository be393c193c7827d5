package dev.baton.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Parser robustness over random and mutated inputs: parse either returns a DC whose encoding is
 * exactly the input, or throws {@link MalformedCredentialException}; nothing else escapes. The
 * default run executes 121k cases in a few seconds.
 */
class ParserPropertiesTest {
  private static final List<byte[]> SEEDS = List.of(TestData.hex("peer_dc.hex"), TestData.hex("factory_dc.hex"));
  private static final java.security.cert.X509Certificate CERT = TestData.cert("cred_cert.pem");
  private static final java.time.Clock FIZZ_NOW = TestData.at("2019-06-10T18:08:58Z");

  @Property(tries = 30_000)
  void parse_randomBytes_roundTripsOrThrowsMalformed(@ForAll("randomBytes") byte[] input) {
    assertParsesStrictlyOrRejects(input);
  }

  @Property(tries = 40_000)
  void parse_mutatedKnownDc_roundTripsOrThrowsMalformed(@ForAll("mutatedDcs") byte[] input) {
    assertParsesStrictlyOrRejects(input);
  }

  @Property(tries = 30_000)
  void parse_randomlyFramedDc_roundTripsOrThrowsMalformed(@ForAll("framedDcs") byte[] input) {
    assertParsesStrictlyOrRejects(input);
  }

  @Property(tries = 20_000, edgeCases = EdgeCasesMode.FIRST)
  void encodeThenParse_anyWellFormedDc_isIdentity(@ForAll("wellFormed") DelegatedCredential dc) {
    byte[] wire = dc.encode();
    DelegatedCredential parsed = DelegatedCredential.parse(wire);
    assertThat(parsed).isEqualTo(dc);
    assertThat(parsed.credential()).isEqualTo(dc.credential());
    assertThat(parsed.signature()).isEqualTo(dc.signature());
    assertThat(parsed.fingerprint()).hasSize(64).isEqualTo(dc.fingerprint());
    assertThat(parsed.serial()).isEqualTo(dc.fingerprint().substring(0, 32));
  }

  /** Whatever a mutation did, the verifier answers (never throws) and refuses anything changed. */
  @Property(tries = 1_000)
  void verify_mutatedKnownDc_neverThrowsAndRefusesChanges(@ForAll("mutatedDcs") byte[] input) {
    DelegatedCredential dc;
    try {
      dc = DelegatedCredential.parse(input);
    } catch (MalformedCredentialException expected) {
      return;
    }
    VerificationResult result = new CredentialVerifier(FIZZ_NOW).verify(dc, CERT);
    boolean original = SEEDS.stream().anyMatch(seed -> Arrays.equals(seed, input));
    assertThat(result.valid()).isEqualTo(original);
  }

  private static void assertParsesStrictlyOrRejects(byte[] input) {
    DelegatedCredential dc;
    try {
      dc = DelegatedCredential.parse(input);
    } catch (MalformedCredentialException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    assertThat(dc.encode()).isEqualTo(input);
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    return Arbitraries.randomValue(r -> randomBytes(r, r.nextInt(300)));
  }

  @Provide
  Arbitrary<byte[]> mutatedDcs() {
    return Arbitraries.randomValue(r -> {
      byte[] b = SEEDS.get(r.nextInt(SEEDS.size()));
      // One to three stacked mutations of a real BoringSSL-made DC.
      for (int n = 1 + r.nextInt(3); n > 0 && b.length > 2; n--) {
        b = mutate(b, r.nextInt(5), r.nextInt(200), (byte) r.nextInt(), 1 + r.nextInt(3));
      }
      return b;
    });
  }

  /** One of: overwrite a byte, truncate, append, delete a byte, overwrite a 2-byte length with an extreme value. */
  private static byte[] mutate(byte[] seed, int kind, int position, byte value, int count) {
    int at = position % seed.length;
    return switch (kind) {
      case 0 -> {
        byte[] b = seed.clone();
        b[at] = value;
        yield b;
      }
      case 1 -> Arrays.copyOf(seed, at);
      case 2 -> {
        byte[] b = Arrays.copyOf(seed, seed.length + count);
        Arrays.fill(b, seed.length, b.length, value);
        yield b;
      }
      case 3 -> {
        byte[] b = new byte[seed.length - 1];
        System.arraycopy(seed, 0, b, 0, at);
        System.arraycopy(seed, at + 1, b, at, seed.length - at - 1);
        yield b;
      }
      default -> {
        byte[] b = seed.clone();
        int i = Math.min(at, b.length - 2);
        b[i] = (byte) (value < 0 ? 0xff : 0x00);
        b[i + 1] = (byte) (value < 0 ? 0xff : 0x00);
        yield b;
      }
    };
  }

  /**
   * Structurally plausible frames with random (often inconsistent) length fields. Built from one
   * random source because 7-way combinators with edge cases cost more than the parser under test.
   */
  @Provide
  Arbitrary<byte[]> framedDcs() {
    SignatureScheme[] schemes = SignatureScheme.values();
    return Arbitraries.randomValue(r -> {
      TlsWriter w = new TlsWriter(160);
      w.uint32(r.nextInt() & 0xffffffffL);
      w.uint16(r.nextInt(4) == 0 ? r.nextInt(0x10000) : schemes[r.nextInt(schemes.length)].code());
      int spkiLength = r.nextInt(70);
      w.uint24(r.nextInt(8) == 0 ? r.nextInt(0x1000000) : spkiLength);
      w.bytes(randomBytes(r, r.nextInt(4) == 0 ? r.nextInt(70) : spkiLength));
      w.uint16(r.nextInt(4) == 0 ? r.nextInt(0x10000) : schemes[r.nextInt(schemes.length)].code());
      int sigLength = r.nextInt(80);
      w.uint16(r.nextInt(8) == 0 ? r.nextInt(0x10000) : sigLength);
      w.bytes(randomBytes(r, r.nextInt(4) == 0 ? r.nextInt(80) : sigLength));
      return w.toByteArray();
    });
  }

  private static byte[] randomBytes(java.util.Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  @Provide
  Arbitrary<DelegatedCredential> wellFormed() {
    return Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL), Arbitraries.of(SignatureScheme.values()),
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(600), Arbitraries.of(SignatureScheme.values()),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(600))
        .as((validTime, scheme, spki, algorithm, sig) ->
            DelegatedCredential.of(new Credential(Duration.ofSeconds(validTime), scheme, spki), algorithm, sig));
  }
}
