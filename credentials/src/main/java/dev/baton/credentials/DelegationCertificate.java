package dev.baton.credentials;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * An end-entity certificate that may delegate (RFC 9345 section 4.2): DelegationUsage extension
 * (1.3.6.1.4.1.44363.44, NULL, non-critical) and digitalSignature key usage. Holds the chain,
 * end-entity first.
 */
public final class DelegationCertificate {
  /** The DelegationUsage extension OID. */
  public static final String DELEGATION_USAGE_OID = "1.3.6.1.4.1.44363.44";

  private final List<X509Certificate> chain;

  private DelegationCertificate(List<X509Certificate> chain) {
    this.chain = List.copyOf(chain);
  }

  /** Checks section 4.2; throws {@link CredentialPolicyException} naming what is missing. */
  public static DelegationCertificate of(List<X509Certificate> chain) {
    requireNonNull(chain, "chain must not be null");
    if (chain.isEmpty()) {
      throw new CredentialPolicyException("the certificate chain is empty; it must start with the delegation certificate");
    }
    List<String> problems = problems(chain.get(0));
    if (!problems.isEmpty()) {
      throw new CredentialPolicyException("certificate " + chain.get(0).getSubjectX500Principal()
          + " cannot delegate (RFC 9345 section 4.2): " + String.join("; ", problems));
    }
    return new DelegationCertificate(chain);
  }

  /** Same as {@code of(List.of(certificate))}. */
  public static DelegationCertificate of(X509Certificate certificate) {
    return of(List.of(requireNonNull(certificate, "certificate must not be null")));
  }

  /** The section 4.2 problems of a certificate (empty when it may delegate). */
  public static List<String> problems(X509Certificate certificate) {
    requireNonNull(certificate, "certificate must not be null");
    List<String> problems = new ArrayList<>();
    byte[] ext = certificate.getExtensionValue(DELEGATION_USAGE_OID);
    if (ext == null) {
      problems.add("no DelegationUsage extension (" + DELEGATION_USAGE_OID + ")");
    } else {
      if (!isDerNull(ext)) {
        problems.add("DelegationUsage extension value is not NULL");
      }
      Set<String> critical = certificate.getCriticalExtensionOIDs();
      if (critical != null && critical.contains(DELEGATION_USAGE_OID)) {
        problems.add("DelegationUsage extension is marked critical; it must be non-critical");
      }
    }
    boolean[] keyUsage = certificate.getKeyUsage();
    if (keyUsage == null || keyUsage.length == 0 || !keyUsage[0]) {
      problems.add("no digitalSignature key usage");
    }
    return List.copyOf(problems);
  }

  private static boolean isDerNull(byte[] extensionValue) {
    try {
      byte[] inner = ASN1OctetString.getInstance(extensionValue).getOctets();
      ASN1Primitive value = ASN1Primitive.fromByteArray(inner);
      // DER only: reject a BER-encoded or padded NULL.
      return value instanceof ASN1Null && Arrays.equals(inner, new byte[] {0x05, 0x00});
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** The end-entity certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The chain, end-entity first. */
  public List<X509Certificate> chain() {
    return chain;
  }

  @Override
  public String toString() {
    return "DelegationCertificate[" + certificate().getSubjectX500Principal() + ", chain=" + chain.size() + "]";
  }
}
