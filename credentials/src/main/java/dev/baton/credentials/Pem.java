package dev.baton.credentials;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** PEM reading and writing of certificates and keys. */
public final class Pem {
  private Pem() {}

  public static List<X509Certificate> readCertificates(Path file) {
    throw new UnsupportedOperationException("skeleton");
  }

  public static List<X509Certificate> parseCertificates(byte[] pem) {
    throw new UnsupportedOperationException("skeleton");
  }

  public static X509Certificate certificateFromDer(byte[] der) {
    throw new UnsupportedOperationException("skeleton");
  }

  public static PrivateKey readPrivateKey(Path file) {
    throw new UnsupportedOperationException("skeleton");
  }

  public static PrivateKey privateKeyFromPkcs8(byte[] der) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** PEM text of certificates, in order. */
  public static String encodeCertificates(List<X509Certificate> chain) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** PKCS#8 PEM text of a private key. */
  public static String encodePrivateKey(PrivateKey key) {
    throw new UnsupportedOperationException("skeleton");
  }
}
