package dev.baton.bench.credentials;

import dev.baton.credentials.CertificateMaker;
import dev.baton.credentials.CredentialMinter;
import dev.baton.credentials.DelegationCertificate;
import dev.baton.credentials.KeyType;
import dev.baton.credentials.MintedCredential;
import dev.baton.credentials.SignatureScheme;
import dev.baton.credentials.Signer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Minting one DC (fresh DC key pair + one signature by the P-256 certificate key), per DC key type. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MintBenchmark {
  @Param({"ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512", "ed25519", "ed448", "rsa_pss_pss_sha256"})
  public String scheme;

  private DelegationCertificate certificate;
  private Signer signer;
  private SignatureScheme dcScheme;
  private CredentialMinter minter;

  @Setup
  public void setUp() {
    CertificateMaker.Made made = CertificateMaker.forName("bench.example").keyType(KeyType.P256).make();
    certificate = DelegationCertificate.of(made.chain());
    signer = made.signer();
    dcScheme = SignatureScheme.parse(scheme);
    minter = new CredentialMinter(Clock.systemUTC());
  }

  @Benchmark
  public MintedCredential mint() {
    return minter.mint(certificate, signer, dcScheme, Duration.ofHours(24));
  }
}
