package dev.baton.edge.store;

import static java.util.Objects.requireNonNull;

import dev.baton.credentials.DelegatedCredential;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A verified credential held by the agent: what the TLS server needs to use it. Immutable;
 * {@code toString} never shows the key.
 *
 * @param certificateId the certificate id
 * @param chain the certificate chain, end-entity (the delegation certificate) first
 * @param credential the DC
 * @param privateKey the DC private key
 * @param expiresAt the DC's expiry
 */
public record InstalledCredential(
    String certificateId, List<X509Certificate> chain, DelegatedCredential credential, PrivateKey privateKey,
    Instant expiresAt) {

  public InstalledCredential {
    requireNonNull(certificateId, "certificateId must not be null");
    chain = List.copyOf(requireNonNull(chain, "chain must not be null"));
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must not be empty");
    }
    requireNonNull(credential, "credential must not be null");
    requireNonNull(privateKey, "privateKey must not be null");
    requireNonNull(expiresAt, "expiresAt must not be null");
  }

  /** The credential serial. */
  public String serial() {
    return credential.serial();
  }

  /** The delegation certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The certificate's DNS subject alternative names, lower-cased (SNI selects by these). */
  public List<String> dnsNames() {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = certificate().getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(2).equals(san.get(0))) {
            names.add(san.get(1).toString().toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return List.of();
    }
    return names;
  }

  /** True when a client asking for {@code hostName} (SNI) may be served this certificate. */
  public boolean matchesHost(String hostName) {
    String host = hostName.toLowerCase(Locale.ROOT);
    for (String name : dnsNames()) {
      if (name.equals(host)) {
        return true;
      }
      // RFC 6125: a wildcard stands for exactly one left-most label.
      if (name.startsWith("*.") && host.indexOf('.') > 0 && host.substring(host.indexOf('.')).equals(name.substring(1))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "InstalledCredential[certificateId=" + certificateId + ", serial=" + serial() + ", expiresAt=" + expiresAt
        + ", privateKey=***]";
  }
}
