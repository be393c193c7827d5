package dev.baton.bench.credentials;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Raw Bouncy Castle operations, measured in the same run as Baton's, so Baton's overhead can be
 * read off even on a loaded machine (reference points: Ed25519 sign, P-256 sign, HPKE seal).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BaselineBenchmark {
  private static final Provider BC = new BouncyCastleProvider();
  private final byte[] data = new byte[512];
  private final byte[] plaintext = new byte[138];
  private final byte[] info = new byte[96];
  private Signature ed25519;
  private Signature p256;
  private X25519PublicKeyParameters hpkeKey;
  private HPKE hpke;

  @Setup
  public void setUp() throws Exception {
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519", BC).generateKeyPair();
    ed25519 = Signature.getInstance("Ed25519", BC);
    ed25519.initSign(ed.getPrivate());
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", BC);
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    p256 = Signature.getInstance("SHA256withECDSA", BC);
    p256.initSign(ec.generateKeyPair().getPrivate());
    hpkeKey = new X25519PrivateKeyParameters(new java.security.SecureRandom()).generatePublicKey();
    hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
  }

  @Benchmark
  public byte[] bcEd25519Sign() throws Exception {
    ed25519.update(data);
    return ed25519.sign();
  }

  @Benchmark
  public byte[] bcP256Sign() throws Exception {
    p256.update(data);
    return p256.sign();
  }

  @Benchmark
  public byte[] bcHpkeSeal() throws InvalidCipherTextException {
    return hpke.setupBaseS(hpkeKey, info).seal(new byte[0], plaintext);
  }
}
