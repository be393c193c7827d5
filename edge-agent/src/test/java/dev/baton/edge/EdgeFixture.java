package dev.baton.edge;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.SealedKey;
import dev.baton.credentials.CredentialMinter;
import dev.baton.credentials.DelegationCertificate;
import dev.baton.credentials.FileKeySigner;
import dev.baton.credentials.MintedCredential;
import dev.baton.credentials.SignatureScheme;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.credentials.seal.RegionPublicKey;
import dev.baton.credentials.seal.RegionSealer;
import dev.baton.credentials.seal.SealBinding;
import dev.baton.credentials.seal.SealedBox;
import dev.baton.edge.store.InstalledCredential;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test material made once per test: a CA (P-384), delegation certificates it signs (P-384, the
 * DelegationUsage extension, SANs), P-256 credentials minted with the credentials API, and
 * {@code CredentialIssued} events with the key sealed to a region.
 */
public final class EdgeFixture {

  /** RFC 9345 DelegationUsage. */
  public static final ASN1ObjectIdentifier DELEGATION_USAGE = new ASN1ObjectIdentifier("1.3.6.1.4.1.44363.44");

  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

  private final Clock clock;
  private final KeyPair caKey;
  private final X509Certificate ca;

  /** A fresh CA named {@code name}. */
  public EdgeFixture(String name, Clock clock) {
    this.clock = clock;
    this.caKey = ecKey("secp384r1");
    X500Name subject = new X500Name("CN=" + name + " test CA");
    this.ca = sign(new JcaX509v3CertificateBuilder(subject, serial(), day(-1), day(3650), subject, caKey.getPublic()), caKey, ext -> {
      ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    });
  }

  /** The CA certificate (the trust anchor). */
  public X509Certificate ca() {
    return ca;
  }

  /** A delegation certificate for {@code dnsNames} and its key. */
  public Delegation delegation(String... dnsNames) {
    KeyPair key = ecKey("secp384r1");
    X509Certificate cert = sign(new JcaX509v3CertificateBuilder(new X500Name(ca.getSubjectX500Principal().getName()), serial(),
        day(-1), day(90), new X500Name("CN=" + dnsNames[0]), key.getPublic()), caKey, ext -> {
          ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          ext.addExtension(DELEGATION_USAGE, false, DERNull.INSTANCE);
          List<GeneralName> names = new ArrayList<>();
          for (String n : dnsNames) {
            names.add(n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
          }
          ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        });
    return new Delegation(List.of(cert, ca), key);
  }

  /** A delegation certificate and its private key. @param chain end-entity first, then the CA */
  public record Delegation(List<X509Certificate> chain, KeyPair key) {
    /** Mints a P-256 credential valid for {@code validity} from the clock's now. */
    public MintedCredential mint(Clock clock, Duration validity) {
      return new CredentialMinter(clock).mint(DelegationCertificate.of(chain),
          FileKeySigner.of(key.getPrivate(), key.getPublic()), SignatureScheme.ECDSA_SECP256R1_SHA256, validity);
    }
  }

  /** Mints a credential valid for {@code validity} now. */
  public MintedCredential mint(Delegation d, Duration validity) {
    return d.mint(clock, validity);
  }

  /** The credential as the agent holds it once installed. */
  public static InstalledCredential installed(String certificateId, Delegation d, MintedCredential m) {
    return new InstalledCredential(certificateId, d.chain(), m.credential(), m.privateKey(), m.expiresAt());
  }

  /** A CredentialIssued event with the key sealed to {@code regionKey} for {@code region}. */
  public CredentialIssued event(String certificateId, String region, Delegation d, MintedCredential m, RegionPublicKey regionKey) {
    SealedBox box = RegionSealer.seal(regionKey, new SealBinding(region, certificateId, m.credential().fingerprint()),
        m.privateKeyPkcs8());
    List<ByteBuffer> chain = new ArrayList<>();
    d.chain().forEach(c -> chain.add(ByteBuffer.wrap(der(c))));
    return CredentialIssued.newBuilder()
        .setCertificateId(certificateId)
        .setRegion(region)
        .setSerial(m.credential().serial())
        .setCertificateChain(chain)
        .setDelegatedCredential(ByteBuffer.wrap(m.credential().encode()))
        .setSealedKey(SealedKey.newBuilder()
            .setKemId(box.kemId()).setKdfId(box.kdfId()).setAeadId(box.aeadId()).setRegionKeyId(box.regionKeyId())
            .setEncapsulatedKey(ByteBuffer.wrap(box.encapsulatedKey())).setCiphertext(ByteBuffer.wrap(box.ciphertext()))
            .build())
        .setIssuedAt(clock.instant())
        .setExpiresAt(m.expiresAt())
        .setIssuerId("test-issuer")
        .build();
  }

  /** A fresh region key pair. */
  public static RegionKeyPair regionKey() {
    return RegionKeyPair.generate();
  }

  private static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder b) throws Exception;
  }

  private X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer, Extensions extensions) {
    try {
      extensions.add(builder);
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(signer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make test certificate", e);
    }
  }

  private Date day(int days) {
    return Date.from(clock.instant().plus(Duration.ofDays(days)));
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIALS.incrementAndGet());
  }

  /** An EC key pair on a named curve. */
  public static KeyPair ecKey(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Now, for tests that need a fixed point. */
  public Instant now() {
    return clock.instant();
  }
}
