package dev.baton.edge.verify;

import static java.util.Objects.requireNonNull;

import dev.baton.avro.v1.CredentialIssued;
import dev.baton.avro.v1.RejectReason;
import dev.baton.avro.v1.SealedKey;
import dev.baton.credentials.CredentialVerifier;
import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.Pem;
import dev.baton.credentials.VerificationResult;
import dev.baton.credentials.seal.RegionKeyPair;
import dev.baton.credentials.seal.RegionSealer;
import dev.baton.credentials.seal.SealBinding;
import dev.baton.credentials.seal.SealException;
import dev.baton.credentials.seal.SealedBox;
import dev.baton.edge.store.InstalledCredential;
import dev.baton.edge.store.KeyStoreDirectory;
import dev.baton.edge.store.StoredCredential;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every check an edge makes before it installs a credential, in order, each with its reject
 * reason: well-formed, for this region, chain trusted (PKIX), credential valid as a TLS client
 * sees it (RFC 9345 4.1.3 and 4.2), seal opens with this region's key and binding, opened key
 * matches the credential, not expired. Files read back from disk go through the same checks.
 */
public final class CredentialChecks {

  private final String region;
  private final RegionKeyPair regionKey;
  private final String regionKeyId;
  private final ChainValidator chains;
  private final Clock clock;

  public CredentialChecks(String region, RegionKeyPair regionKey, ChainValidator chains, Clock clock) {
    this.region = requireNonNull(region, "region must not be null");
    this.regionKey = requireNonNull(regionKey, "regionKey must not be null");
    this.regionKeyId = regionKey.publicKey().keyId();
    this.chains = requireNonNull(chains, "chains must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /** Checks one event from the region topic; returns the credential ready to install. */
  public InstalledCredential check(String recordKey, CredentialIssued event) throws Rejection {
    String certificateId = event.getCertificateId();
    if (recordKey == null || !recordKey.equals(certificateId)) {
      throw new Rejection(RejectReason.MALFORMED,
          "record key '" + recordKey + "' is not the event's certificate id '" + certificateId + "'");
    }
    try {
      KeyStoreDirectory.requireValidCertificateId(certificateId);
    } catch (IllegalArgumentException e) {
      throw new Rejection(RejectReason.MALFORMED, e.getMessage(), e);
    }
    List<X509Certificate> chain = parseChain(event.getCertificateChain());
    DelegatedCredential dc = parseCredential(bytes(event.getDelegatedCredential()));
    if (!dc.serial().equals(event.getSerial())) {
      throw new Rejection(RejectReason.MALFORMED,
          "event serial '" + event.getSerial() + "' is not the credential's serial " + dc.serial());
    }
    if (!region.equals(event.getRegion())) {
      throw new Rejection(RejectReason.WRONG_REGION,
          "credential is for region '" + event.getRegion() + "', this agent serves region '" + region + "'");
    }
    Instant now = clock.instant();
    chains.validate(chain, now);
    VerificationResult result = verifier().verify(dc, chain.get(0));
    rejectInvalid(result);
    PrivateKey key = openSeal(certificateId, dc, event.getSealedKey());
    return finish(certificateId, chain, dc, key, now);
  }

  /** Checks a credential read back from the key store (disk is untrusted too). */
  public InstalledCredential checkStored(StoredCredential stored) throws Rejection {
    List<X509Certificate> chain;
    try {
      chain = Pem.parseCertificates(stored.chainPem());
    } catch (RuntimeException e) {
      throw new Rejection(RejectReason.MALFORMED, "chain file does not parse: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new Rejection(RejectReason.MALFORMED, "chain file holds no certificate");
    }
    DelegatedCredential dc = parseCredential(stored.delegatedCredential());
    if (!dc.serial().equals(stored.serial())) {
      throw new Rejection(RejectReason.MALFORMED, "file named " + stored.serial() + " holds credential " + dc.serial());
    }
    Instant now = clock.instant();
    chains.validate(chain, now);
    rejectInvalid(verifier().verify(dc, chain.get(0)));
    PrivateKey key;
    byte[] der = pemBody(stored.privateKeyPem());
    try {
      key = Pem.privateKeyFromPkcs8(der);
    } catch (RuntimeException e) {
      throw new Rejection(RejectReason.MALFORMED, "key file of " + stored.serial() + " is not a PKCS#8 key");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
    return finish(stored.certificateId(), chain, dc, key, now);
  }

  private InstalledCredential finish(String certificateId, List<X509Certificate> chain, DelegatedCredential dc,
      PrivateKey key, Instant now) throws Rejection {
    VerificationResult withKey = verifier().verify(dc, chain.get(0), key);
    if (withKey.failures().stream().anyMatch(f -> f.reason() == VerificationResult.Reason.KEY_MISMATCH)) {
      throw new Rejection(RejectReason.KEY_MISMATCH, "the opened private key does not match credential " + dc.serial());
    }
    Instant expiresAt = dc.expiresAt(chain.get(0));
    if (!expiresAt.isAfter(now)) {
      throw new Rejection(RejectReason.EXPIRED, "credential " + dc.serial() + " expired at " + expiresAt);
    }
    return new InstalledCredential(certificateId, chain, dc, key, expiresAt);
  }

  private CredentialVerifier verifier() {
    return new CredentialVerifier(clock);
  }

  // EXPIRED is reported after the seal checks (see class doc), every other failure here.
  private static void rejectInvalid(VerificationResult result) throws Rejection {
    List<VerificationResult.Failure> failures = result.failures().stream()
        .filter(f -> f.reason() != VerificationResult.Reason.EXPIRED)
        .toList();
    if (!failures.isEmpty()) {
      throw new Rejection(RejectReason.INVALID_CREDENTIAL, failures.stream()
          .map(f -> f.reason() + ": " + f.message()).collect(Collectors.joining("; ")));
    }
  }

  private PrivateKey openSeal(String certificateId, DelegatedCredential dc, SealedKey sealed) throws Rejection {
    if (!regionKeyId.equals(sealed.getRegionKeyId())) {
      throw new Rejection(RejectReason.SEAL_OPEN_FAILED, "key sealed to region key " + sealed.getRegionKeyId()
          + ", this agent holds region key " + regionKeyId);
    }
    SealedBox box = new SealedBox(sealed.getKemId(), sealed.getKdfId(), sealed.getAeadId(), sealed.getRegionKeyId(),
        bytes(sealed.getEncapsulatedKey()), bytes(sealed.getCiphertext()));
    byte[] pkcs8;
    try {
      pkcs8 = RegionSealer.open(regionKey, new SealBinding(region, certificateId, dc.fingerprint()), box);
    } catch (SealException e) {
      throw new Rejection(RejectReason.SEAL_OPEN_FAILED, "sealed key of credential " + dc.serial()
          + " does not open with region key " + regionKeyId + ": " + e.getMessage());
    }
    try {
      return Pem.privateKeyFromPkcs8(pkcs8);
    } catch (RuntimeException e) {
      // No cause and no detail: the exception could echo key bytes.
      throw new Rejection(RejectReason.KEY_MISMATCH, "the opened key of credential " + dc.serial() + " is not a PKCS#8 private key");
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private static List<X509Certificate> parseChain(List<ByteBuffer> ders) throws Rejection {
    if (ders == null || ders.isEmpty()) {
      throw new Rejection(RejectReason.MALFORMED, "certificate chain is empty");
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (int i = 0; i < ders.size(); i++) {
      try {
        chain.add(Pem.certificateFromDer(bytes(ders.get(i))));
      } catch (RuntimeException e) {
        throw new Rejection(RejectReason.MALFORMED, "certificate " + i + " of the chain does not parse: " + e.getMessage(), e);
      }
    }
    return chain;
  }

  private static DelegatedCredential parseCredential(byte[] bytes) throws Rejection {
    try {
      return DelegatedCredential.parse(bytes);
    } catch (RuntimeException e) {
      throw new Rejection(RejectReason.MALFORMED, "delegated credential does not parse: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(ByteBuffer buf) {
    ByteBuffer b = buf.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** The DER inside a single-block PEM file. */
  private static byte[] pemBody(byte[] pem) throws Rejection {
    String text = new String(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new Rejection(RejectReason.MALFORMED, "key file is not a PKCS#8 PEM (BEGIN PRIVATE KEY)");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
    } catch (IllegalArgumentException e) {
      throw new Rejection(RejectReason.MALFORMED, "key file is not valid base64");
    }
  }
}
