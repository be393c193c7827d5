package dev.baton.bench.issuer;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.credentials.CertificateMaker;
import dev.baton.credentials.DelegationCertificate;
import dev.baton.credentials.SignatureScheme;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.embedded.EmbeddedKafka;
import dev.baton.issuer.CredentialFactory;
import dev.baton.issuer.CredentialPublisher;
import dev.baton.issuer.Hashes;
import dev.baton.issuer.PairKey;
import dev.baton.issuer.RegionEntry;
import dev.baton.issuer.inventory.InventoryEntry;
import dev.baton.schemas.Topics;
import dev.baton.service.KafkaSettings;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The issuer's per-credential cost on one thread: mint + seal + produce (Avro, idempotent
 * producer, acks=all, to an in-process broker) against a raw Bouncy Castle loop doing the same
 * cryptography (P-256 key generation, one P-256 signature over a DC-sized input, one HPKE seal of
 * the PKCS#8 key), measured in the same run. Their ratio is the issuer's overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IssuerBenchmark {
  private static final Provider BC = new BouncyCastleProvider();
  private static final Duration VALIDITY = Duration.ofHours(24);

  private EmbeddedKafka kafka;
  private CredentialPublisher publisher;
  private CredentialFactory factory;
  private InventoryEntry certificate;
  private RegionEntry region;
  private PairKey pair;

  private KeyPairGenerator dcKeys;
  private Signature certificateSignature;
  private PrivateKey signingKey;
  private byte[] signatureInput;
  private HPKE hpke;
  private X25519PublicKeyParameters regionKey;
  private byte[] info;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Clock clock = Clock.systemUTC();
    CertificateMaker.Made made = CertificateMaker.forName("bench.example").clock(clock).make();
    byte[] der = made.certificate().getEncoded();
    certificate = new InventoryEntry("bench", DelegationCertificate.of(made.chain()), made.signer(),
        Hashes.sha256Hex(der), made.certificate().getNotAfter().toInstant(), "bench");
    RegionKeyPair regionKeys = RegionKeyPair.generate();
    region = new RegionEntry("eu", regionKeys.publicKey(), regionKeys.publicKey().keyId(), Instant.now());
    pair = new PairKey("bench", "eu");
    factory = new CredentialFactory(clock, SignatureScheme.ECDSA_SECP256R1_SHA256, "bench");

    kafka = EmbeddedKafka.start();
    kafka.admin().createTopics(List.of(Topics.CREDENTIALS_ISSUED.newTopic((short) 1))).all().get();
    publisher = CredentialPublisher.create(
        new KafkaSettings(kafka.bootstrapServers(), "mock://baton-bench-issuer", Map.of()), "bench");

    dcKeys = KeyPairGenerator.getInstance("EC", BC);
    dcKeys.initialize(new ECGenParameterSpec("secp256r1"));
    certificateSignature = Signature.getInstance("SHA256withECDSA", BC);
    certificateSignature.initSign(made.privateKey());
    signingKey = made.privateKey();
    // RFC 9345 signature input: 64 spaces, context string and 0, certificate, credential, algorithm.
    signatureInput = new byte[64 + 34 + der.length + 8];
    hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
    regionKey = new X25519PrivateKeyParameters(new SecureRandom()).generatePublicKey();
    info = new byte[96];
  }

  @TearDown(Level.Iteration)
  public void drain() {
    publisher.flush();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    publisher.close();
    kafka.close();
  }

  /** What the issuer does per pair: mint, seal, build the event, send it (acks arrive asynchronously). */
  @Benchmark
  public CompletionStage<?> mintSealProduce() {
    CredentialIssued event = factory.mint(certificate, region, VALIDITY);
    return publisher.send(pair, event);
  }

  /** The same without Kafka: how much of the cost is cryptography. */
  @Benchmark
  public CredentialIssued mintSeal() {
    return factory.mint(certificate, region, VALIDITY);
  }

  /** The raw cryptography of one credential, straight on Bouncy Castle. */
  @Benchmark
  public void rawKeygenSignSeal(Blackhole bh) throws Exception {
    KeyPair dc = dcKeys.generateKeyPair();
    certificateSignature.update(signatureInput);
    certificateSignature.update(dc.getPublic().getEncoded());
    bh.consume(certificateSignature.sign());
    bh.consume(hpke.setupBaseS(regionKey, info).seal(new byte[0], dc.getPrivate().getEncoded()));
  }

  /**
   * The same raw cryptography with the JCA objects obtained per call, as a minter that keeps no
   * per-thread state does: shows how much of the gap is JCA set-up rather than the issuer.
   */
  @Benchmark
  public void rawFreshJcaObjects(Blackhole bh) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair dc = generator.generateKeyPair();
    Signature signature = Signature.getInstance("SHA256withECDSA", BC);
    signature.initSign(signingKey);
    signature.update(signatureInput);
    signature.update(dc.getPublic().getEncoded());
    bh.consume(signature.sign());
    bh.consume(hpke.setupBaseS(regionKey, info).seal(new byte[0], dc.getPrivate().getEncoded()));
  }
}
