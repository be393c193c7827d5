package dev.baton.edge.verify;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.RejectReason;
import dev.baton.credentials.Pem;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PKIX validation of a certificate chain to the configured trust anchors, as a TLS client does it
 * (no revocation checking: credentials are short-lived by design).
 */
public final class ChainValidator {

  private final Set<TrustAnchor> anchors;
  private final Set<X509Certificate> anchorCertificates;

  /** Validates to these CA certificates. */
  public ChainValidator(List<X509Certificate> trustAnchors) {
    requireNonNull(trustAnchors, "trustAnchors must not be null");
    if (trustAnchors.isEmpty()) {
      throw new IllegalArgumentException("at least one trust anchor is required");
    }
    this.anchorCertificates = Set.copyOf(trustAnchors);
    Set<TrustAnchor> set = new HashSet<>();
    trustAnchors.forEach(c -> set.add(new TrustAnchor(c, null)));
    this.anchors = Set.copyOf(set);
  }

  /** Reads the trust anchors from a PEM file of CA certificates. */
  public static ChainValidator fromPemFile(Path file) {
    return new ChainValidator(Pem.readCertificates(requireNonNull(file, "file must not be null")));
  }

  /** Throws an UNTRUSTED_CHAIN rejection unless the chain (end-entity first) validates at {@code at}. */
  public void validate(List<X509Certificate> chain, Instant at) throws Rejection {
    List<X509Certificate> path = new ArrayList<>(chain);
    // A chain may carry its root; PKIX wants the path without the anchor.
    while (path.size() > 1 && anchorCertificates.contains(path.get(path.size() - 1))) {
      path.remove(path.size() - 1);
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
    } catch (GeneralSecurityException e) {
      throw new Rejection(RejectReason.UNTRUSTED_CHAIN, "certificate chain of '"
          + chain.get(0).getSubjectX500Principal().getName() + "' does not validate to the trust anchors: " + e.getMessage(), e);
    }
  }
}
