package dev.baton.bench.credentials;

import dev.baton.credentials.KeyType;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.credentials.seal.RegionSealer;
import dev.baton.credentials.seal.SealBinding;
import dev.baton.credentials.seal.SealedBox;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** HPKE seal and open of a P-256 PKCS#8 DC key (what the issuer and an edge do per credential). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SealBenchmark {
  private RegionKeyPair region;
  private SealBinding binding;
  private byte[] dcKey;
  private SealedBox box;

  @Setup
  public void setUp() {
    region = RegionKeyPair.generate();
    binding = new SealBinding("eu", "bench-cert", "ab".repeat(32));
    dcKey = KeyType.P256.generate().getPrivate().getEncoded();
    box = RegionSealer.seal(region.publicKey(), binding, dcKey);
  }

  @Benchmark
  public SealedBox seal() {
    return RegionSealer.seal(region.publicKey(), binding, dcKey);
  }

  @Benchmark
  public byte[] open() {
    return RegionSealer.open(region, binding, box);
  }
}
