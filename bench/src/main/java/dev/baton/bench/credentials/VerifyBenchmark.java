package dev.baton.bench.credentials;

import dev.baton.credentials.CertificateMaker;
import dev.baton.credentials.CredentialMinter;
import dev.baton.credentials.CredentialVerifier;
import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.DelegationCertificate;
import dev.baton.credentials.KeyType;
import dev.baton.credentials.MintedCredential;
import dev.baton.credentials.SignatureScheme;
import dev.baton.credentials.VerificationResult;
import java.security.cert.X509Certificate;
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

/** Parsing and verifying a DC as an edge does (all section 4.1.3 checks), per certificate key type. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifyBenchmark {
  @Param({"p256", "ed25519"})
  public String certKeyType;

  private byte[] wire;
  private X509Certificate certificate;
  private CredentialVerifier verifier;

  @Setup
  public void setUp() {
    CertificateMaker.Made made = CertificateMaker.forName("bench.example").keyType(KeyType.parse(certKeyType)).make();
    MintedCredential minted = new CredentialMinter(Clock.systemUTC())
        .mint(DelegationCertificate.of(made.chain()), made.signer(), SignatureScheme.ECDSA_SECP256R1_SHA256, Duration.ofHours(24));
    wire = minted.credential().encode();
    certificate = made.certificate();
    verifier = new CredentialVerifier(Clock.systemUTC());
  }

  @Benchmark
  public VerificationResult parseAndVerify() {
    return verifier.verify(DelegatedCredential.parse(wire), certificate);
  }
}
