package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for the demo: an ECDSA P-384 root and delegation
 * certificates (RFC 9345 section 4.2: DelegationUsage extension, digitalSignature) under it.
 * P-384 certificates with P-256 credentials make it visible which key signed a handshake.
 */
final class DemoCa {
  /** RFC 9345 DelegationUsage extension. */
  static final ASN1ObjectIdentifier DELEGATION_USAGE = new ASN1ObjectIdentifier("1.3.6.1.4.1.44363.44");
  private static final String SIGNATURE = "SHA384withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair key;
  private final X509Certificate certificate;

  private DemoCa(KeyPair key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** A fresh root valid for {@code validity} from an hour ago (clock skew between tools). */
  static DemoCa create(String commonName, Instant now, Duration validity) {
    KeyPair key = p384();
    X500Name name = new X500Name("CN=" + commonName + ",O=Baton demo");
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), name, key.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
      return new DemoCa(key, sign(b, key));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the demo CA: " + e.getMessage(), e);
    }
  }

  /**
   * A delegation certificate for {@code dnsName}, signed by this CA.
   *
   * @return the certificate and its key pair
   */
  Issued issueDelegationCertificate(String dnsName, Instant now, Duration validity) {
    requireNonNull(dnsName, "dnsName must not be null");
    KeyPair leafKey = p384();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)),
          new X500Name("CN=" + dnsName + ",O=Baton demo"), leafKey.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)))
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate))
          .addExtension(DELEGATION_USAGE, false, DERNull.INSTANCE);
      return new Issued(sign(b, key), leafKey);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate for " + dnsName + ": " + e.getMessage(), e);
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  KeyPair key() {
    return key;
  }

  /** A certificate and its key pair. */
  record Issued(X509Certificate certificate, KeyPair keyPair) {
    @Override
    public String toString() {
      return "Issued[" + certificate.getSubjectX500Principal() + ", key=***]";
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  private static KeyPair p384() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp384r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC P-384 key generator in this JVM", e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }
}
