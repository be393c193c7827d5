package dev.baton.credentials;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a throw-away CA and a delegation certificate signed by it ({@code baton cert create}, tests,
 * demos). The switches exist so tests can make certificates that fail RFC 9345 section 4.2.
 */
public final class CertificateMaker {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private KeyType keyType = KeyType.P256;
  private Clock clock = Clock.systemUTC();
  private Duration validity = Duration.ofDays(90);
  private Duration backdate = Duration.ofHours(1);
  private boolean delegationUsage = true;
  private boolean delegationUsageCritical;
  private boolean digitalSignature = true;

  private CertificateMaker(String name) {
    this.name = requireNonNull(name, "name must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }

  /** A maker for a certificate with CN and DNS SAN {@code name}; defaults: P-256, 90 days, may delegate. */
  public static CertificateMaker forName(String name) {
    return new CertificateMaker(name);
  }

  public CertificateMaker keyType(KeyType keyType) {
    this.keyType = requireNonNull(keyType, "keyType must not be null");
    return this;
  }

  /** notBefore is the clock's now minus the backdate (default 1 hour, for clock skew). */
  public CertificateMaker clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock must not be null");
    return this;
  }

  public CertificateMaker backdate(Duration backdate) {
    this.backdate = requireNonNull(backdate, "backdate must not be null");
    return this;
  }

  /** notAfter - notBefore. */
  public CertificateMaker validity(Duration validity) {
    this.validity = requireNonNull(validity, "validity must not be null");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive, got " + validity);
    }
    return this;
  }

  public CertificateMaker delegationUsage(boolean present, boolean critical) {
    this.delegationUsage = present;
    this.delegationUsageCritical = critical;
    return this;
  }

  public CertificateMaker digitalSignature(boolean digitalSignature) {
    this.digitalSignature = digitalSignature;
    return this;
  }

  /** Generates the CA and the end-entity keys and certificates. */
  public Made make() {
    KeyType caType = keyType == KeyType.RSAPSS2048 ? KeyType.RSA2048 : keyType;
    KeyPair caKey = caType.generate();
    KeyPair key = keyType.generate();
    Instant notBefore = clock.instant().minus(backdate);
    Instant notAfter = notBefore.plus(validity);
    try {
      X500Name caName = x500("Baton throw-away CA for " + name);
      X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(notBefore),
          Date.from(notAfter), caName, caKey.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate caCert = sign(ca, caType, caKey.getPrivate());

      X509v3CertificateBuilder ee = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(notBefore),
          Date.from(notAfter), x500(name), key.getPublic());
      ee.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      ee.addExtension(Extension.keyUsage, true, new KeyUsage(digitalSignature ? KeyUsage.digitalSignature : KeyUsage.keyEncipherment));
      ee.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
      if (delegationUsage) {
        ee.addExtension(new ASN1ObjectIdentifier(DelegationCertificate.DELEGATION_USAGE_OID), delegationUsageCritical, DERNull.INSTANCE);
      }
      X509Certificate eeCert = sign(ee, caType, caKey.getPrivate());
      return new Made(caCert, eeCert, key.getPrivate());
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a " + keyType + " certificate for " + name, e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyType caType, PrivateKey caKey)
      throws OperatorCreationException, GeneralSecurityException {
    byte[] der;
    try {
      der = builder.build(new JcaContentSignerBuilder(caType.certificateSignatureAlgorithm()).setProvider(Crypto.BC).build(caKey))
          .getEncoded();
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("certificate encoding failed", e);
    }
    return Pem.certificateFromDer(der);
  }

  private static X500Name x500(String cn) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  /**
   * A made certificate. {@code toString} never shows the key.
   *
   * @param caCertificate the throw-away CA (the trust anchor)
   * @param certificate the delegation certificate
   * @param privateKey the delegation certificate's private key
   */
  public record Made(X509Certificate caCertificate, X509Certificate certificate, PrivateKey privateKey) {
    /** The chain, end-entity first (without the CA). */
    public List<X509Certificate> chain() {
      return List.of(certificate);
    }

    /** The certificate's public key. */
    public PublicKey publicKey() {
      return certificate.getPublicKey();
    }

    /** A signer over the private key. */
    public Signer signer() {
      return FileKeySigner.of(privateKey, certificate.getPublicKey());
    }

    @Override
    public String toString() {
      return "Made[" + certificate.getSubjectX500Principal() + ", privateKey=***]";
    }
  }
}
