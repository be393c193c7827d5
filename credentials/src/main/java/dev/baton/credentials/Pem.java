package dev.baton.credentials;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * PEM reading and writing of certificates and keys. Errors are {@link PemException} naming the
 * file; no message ever contains key bytes.
 */
public final class Pem {
  private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  public static List<X509Certificate> readCertificates(Path file) {
    try {
      return parseCertificates(read(file));
    } catch (PemException e) {
      throw new PemException(file + ": " + e.getMessage(), e);
    }
  }

  /** All CERTIFICATE blocks, in order; at least one. */
  public static List<X509Certificate> parseCertificates(byte[] pem) {
    requireNonNull(pem, "pem must not be null");
    List<X509Certificate> certs = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof X509CertificateHolder holder) {
          certs.add(certificateFromDer(holder.getEncoded()));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new PemException("not readable as PEM certificates: " + e.getMessage(), e);
    }
    if (certs.isEmpty()) {
      throw new PemException("no CERTIFICATE block found");
    }
    return List.copyOf(certs);
  }

  public static X509Certificate certificateFromDer(byte[] der) {
    requireNonNull(der, "der must not be null");
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new PemException("not a DER X.509 certificate: " + e.getMessage(), e);
    }
  }

  /** Reads a PKCS#8, SEC1 ("EC PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY") PEM private key. */
  public static PrivateKey readPrivateKey(Path file) {
    try {
      return parsePrivateKey(new String(read(file), StandardCharsets.US_ASCII));
    } catch (PemException e) {
      throw new PemException(file + ": " + e.getMessage(), e);
    }
  }

  /** The first private key in PEM text (skips EC PARAMETERS blocks). */
  public static PrivateKey parsePrivateKey(String pem) {
    requireNonNull(pem, "pem must not be null");
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof PrivateKeyInfo info) {
          return privateKeyFromPkcs8(info.getEncoded());
        }
        if (o instanceof PEMKeyPair pair) {
          return privateKeyFromPkcs8(pair.getPrivateKeyInfo().getEncoded());
        }
        if (!(o instanceof ASN1ObjectIdentifier || o instanceof X9ECParameters)) {
          throw new PemException("expected an unencrypted private key, found " + o.getClass().getSimpleName()
              + " (encrypted keys are not supported)");
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof PemException pe) {
        throw pe;
      }
      // Never echo parser details: they could quote key bytes.
      throw new PemException("not a readable PEM private key (" + e.getClass().getSimpleName() + ")");
    }
    throw new PemException("no PRIVATE KEY block found");
  }

  public static PrivateKey privateKeyFromPkcs8(byte[] der) {
    requireNonNull(der, "der must not be null");
    try {
      return Crypto.privateKeyFromPkcs8(der);
    } catch (IllegalArgumentException e) {
      throw new PemException(e.getMessage());
    }
  }

  /** PEM text of certificates, in order. */
  public static String encodeCertificates(List<X509Certificate> chain) {
    requireNonNull(chain, "chain must not be null");
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : chain) {
      try {
        sb.append(encode("CERTIFICATE", c.getEncoded()));
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new PemException("certificate cannot be encoded: " + e.getMessage(), e);
      }
    }
    return sb.toString();
  }

  /** PKCS#8 PEM text of a private key. */
  public static String encodePrivateKey(PrivateKey key) {
    requireNonNull(key, "key must not be null");
    byte[] der = key.getEncoded();
    if (der == null || !"PKCS#8".equals(key.getFormat())) {
      throw new PemException("the " + key.getAlgorithm() + " key has no PKCS#8 encoding");
    }
    return encode("PRIVATE KEY", der);
  }

  /** One PEM block with 64-column base64. */
  public static String encode(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static byte[] read(Path file) {
    requireNonNull(file, "file must not be null");
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PemException("cannot read: " + e.getMessage(), e);
    }
  }
}
