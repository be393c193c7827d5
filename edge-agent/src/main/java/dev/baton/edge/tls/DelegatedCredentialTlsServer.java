package dev.baton.edge.tls;

import static java.util.Objects.requireNonNull;

import dev.baton.edge.store.InstalledCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import java.util.function.Function;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * A TLS 1.3 server that authenticates with a delegated credential (RFC 9345) and nothing else: the
 * edge holds no certificate key. bctls has no DC support, but has the hooks: the client's
 * {@code delegated_credential} extension (34, a SignatureSchemeList) is read in
 * {@link #processClientExtensions}, and {@link #getCredentials()} returns a signer over the DC
 * private key whose end-entity {@link CertificateEntry} carries extension 34 = the DC. A client that
 * did not offer the extension (or cannot verify our DC's schemes) gets a handshake_failure alert.
 *
 * <p>One instance per connection (bctls peers are stateful).
 */
public final class DelegatedCredentialTlsServer extends DefaultTlsServer {

  /** The {@code delegated_credential} extension type (RFC 9345). */
  public static final int DELEGATED_CREDENTIAL = 34;

  private final JcaTlsCrypto crypto;
  private final Function<String, Optional<InstalledCredential>> selector;
  private Vector<?> clientDcSchemes;
  private String serverName;
  private InstalledCredential selected;

  /**
   * @param crypto the TLS crypto
   * @param selector the credential for a requested server name (SNI; null when the client sent none)
   */
  public DelegatedCredentialTlsServer(JcaTlsCrypto crypto, Function<String, Optional<InstalledCredential>> selector) {
    super(crypto);
    this.crypto = requireNonNull(crypto, "crypto must not be null");
    this.selector = requireNonNull(selector, "selector must not be null");
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    // Delegated credentials exist only in TLS 1.3.
    return ProtocolVersion.TLSv13.only();
  }

  @Override
  @SuppressWarnings("rawtypes") // bctls's signature
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    byte[] dc = TlsUtils.getExtensionData(clientExtensions, DELEGATED_CREDENTIAL);
    clientDcSchemes = dc == null ? null : TlsExtensionsUtils.readSignatureAlgorithmsExtension(dc);
    Vector<?> names = TlsExtensionsUtils.getServerNameExtensionClient(clientExtensions);
    if (names != null) {
      for (Object o : names) {
        ServerName name = (ServerName) o;
        if (name.getNameType() == NameType.host_name) {
          serverName = new String(name.getNameData(), StandardCharsets.US_ASCII);
        }
      }
    }
  }

  @Override
  public TlsCredentials getCredentials() throws IOException {
    if (!TlsUtils.isTLSv13(context)) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "delegated credentials need TLS 1.3");
    }
    if (clientDcSchemes == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure,
          "client did not offer delegated_credential; this server has no certificate key");
    }
    InstalledCredential credential = selector.apply(serverName).orElseThrow(() -> new TlsFatalAlert(
        AlertDescription.handshake_failure, "no credential for server name " + serverName));
    SignatureAndHashAlgorithm dcScheme = algorithm(credential.credential().credential().dcCertVerifyAlgorithm().code());
    SignatureAndHashAlgorithm outer = algorithm(credential.credential().algorithm().code());
    Vector<?> clientSigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
    if (!TlsUtils.containsSignatureAlgorithm(clientDcSchemes, dcScheme)
        || !TlsUtils.containsSignatureAlgorithm(clientSigAlgs, dcScheme)
        || !TlsUtils.containsSignatureAlgorithm(clientSigAlgs, outer)) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "client does not accept credential schemes "
          + SignatureScheme.getName(SignatureScheme.from(dcScheme)) + " / " + SignatureScheme.getName(SignatureScheme.from(outer)));
    }
    selected = credential;
    return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, credential.privateKey(),
        certificateMessage(credential), dcScheme);
  }

  /** The credential served on this connection (after the handshake). */
  public Optional<InstalledCredential> selected() {
    return Optional.ofNullable(selected);
  }

  /** The server name the client asked for, if any. */
  public Optional<String> serverName() {
    return Optional.ofNullable(serverName);
  }

  private Certificate certificateMessage(InstalledCredential credential) throws IOException {
    List<X509Certificate> chain = credential.chain();
    CertificateEntry[] entries = new CertificateEntry[chain.size()];
    for (int i = 0; i < chain.size(); i++) {
      Hashtable<Integer, byte[]> extensions = new Hashtable<>();
      if (i == 0) {
        extensions.put(DELEGATED_CREDENTIAL, credential.credential().encode());
      }
      try {
        entries[i] = new CertificateEntry(crypto.createCertificate(chain.get(i).getEncoded()), extensions);
      } catch (CertificateEncodingException e) {
        throw new TlsFatalAlert(AlertDescription.internal_error, e);
      }
    }
    return new Certificate(TlsUtils.EMPTY_BYTES, entries);
  }

  private static SignatureAndHashAlgorithm algorithm(int code) {
    return SignatureScheme.getSignatureAndHashAlgorithm(code);
  }
}
