package dev.baton.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.baton.credentials.CredentialVerifier;
import dev.baton.credentials.DelegatedCredential;
import dev.baton.credentials.Pem;
import dev.baton.credentials.VerificationResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Clock;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.Tls13Verifier;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsEncryptor;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsRawKeyCertificate;

/**
 * The project's own TLS 1.3 client with delegated credentials (RFC 9345), for machines without
 * NSS's tstclnt. Bouncy Castle's TLS has no DC support, so this adds it the way a browser does:
 * offer {@code delegated_credential} (extension 34); take the DC from the leaf's CertificateEntry;
 * check the chain against the demo CA, the name, and every RFC 9345 rule; then verify the
 * handshake's CertificateVerify with the DC's key, not the certificate's.
 */
final class DcTlsClient {
  static final int DELEGATED_CREDENTIAL = 34;
  /** What the client accepts as a DC's scheme (and offers in extension 34). */
  private static final int[] DC_SCHEMES = {0x0403, 0x0503, 0x0807};

  private final X509Certificate trustAnchor;
  private final Clock clock;

  DcTlsClient(Path caPem, Clock clock) {
    this.trustAnchor = Pem.readCertificates(requireNonNull(caPem, "caPem must not be null")).get(0);
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /** Connects to 127.0.0.1:port with SNI {@code serverName}, sends a GET and returns what it saw. */
  Handshake.Result connect(int port, String serverName) {
    StringBuilder log = new StringBuilder("baton DC client -> 127.0.0.1:" + port + " SNI " + serverName + "\n");
    Client client = new Client(new DcCertificate(), serverName);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      socket.setSoTimeout(15_000);
      TlsClientProtocol protocol = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
      protocol.connect(client);
      OutputStream out = protocol.getOutputStream();
      out.write(("GET / HTTP/1.0\r\nHost: " + serverName + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = read(protocol.getInputStream());
      protocol.close();
      log.append("negotiated TLS 1.3, CertificateVerify checked with the DC key\n").append(response);
      DelegatedCredential dc = client.dc;
      String serial = Handshake.parse(true, response).serial();
      return new Handshake.Result("baton DC client (Bouncy Castle)", response.startsWith("HTTP/1."), dc != null,
          dc == null ? null : dc.credential().dcCertVerifyAlgorithm().tlsName(), client.dcKeyBits, serial, log.toString());
    } catch (IOException | RuntimeException e) {
      log.append("failed: ").append(e);
      return new Handshake.Result("baton DC client (Bouncy Castle)", false, client.dc != null, null, null, null, log.toString());
    }
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
  }

  /** The DC checks of section 4.1.3 and 4.2, and the chain to the demo CA with the name. */
  private DelegatedCredential check(org.bouncycastle.tls.Certificate chain, String serverName) throws IOException {
    if (chain == null || chain.isEmpty()) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, "the server sent no certificate");
    }
    X509Certificate leaf;
    try {
      leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
          new ByteArrayInputStream(chain.getCertificateAt(0).getEncoded()));
      leaf.verify(trustAnchor.getPublicKey());
      leaf.checkValidity(java.util.Date.from(clock.instant()));
      if (leaf.getSubjectAlternativeNames() == null
          || leaf.getSubjectAlternativeNames().stream().noneMatch(san -> serverName.equalsIgnoreCase(String.valueOf(san.get(1))))) {
        throw new TlsFatalAlert(AlertDescription.bad_certificate, "the certificate is not for " + serverName);
      }
    } catch (GeneralSecurityException e) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, "the certificate does not chain to the demo CA", e);
    }
    byte[] dcBytes = TlsUtils.getExtensionData(chain.getCertificateEntryAt(0).getExtensions(), DELEGATED_CREDENTIAL);
    if (dcBytes == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "the server sent no delegated credential");
    }
    DelegatedCredential dc = DelegatedCredential.parse(dcBytes);
    VerificationResult r = new CredentialVerifier(clock).verify(dc, leaf);
    if (!r.valid()) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "invalid delegated credential: " + r.describe());
    }
    return dc;
  }

  /** A Bouncy Castle client that offers delegated credentials and verifies with the DC key. */
  private final class Client extends DefaultTlsClient {
    private final String serverName;
    private final DcCertificate leaf;
    private volatile DelegatedCredential dc;
    private volatile Integer dcKeyBits;

    Client(DcCertificate leaf, String serverName) {
      super(new DcCrypto(leaf));
      this.leaf = leaf;
      this.serverName = serverName;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.TLSv13.only();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // bctls's signatures
    protected Vector getSNIServerNames() {
      Vector names = new Vector();
      names.add(new ServerName(NameType.host_name, serverName.getBytes(StandardCharsets.US_ASCII)));
      return names;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // bctls's signatures
    public Hashtable getClientExtensions() throws IOException {
      Hashtable extensions = super.getClientExtensions();
      Vector<SignatureAndHashAlgorithm> schemes = new Vector<>();
      for (int s : DC_SCHEMES) {
        schemes.add(org.bouncycastle.tls.SignatureScheme.getSignatureAndHashAlgorithm(s));
      }
      extensions.put(DELEGATED_CREDENTIAL, TlsExtensionsUtils.createSignatureAlgorithmsExtension(schemes));
      return extensions;
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
          DelegatedCredential checked = check(serverCertificate.getCertificate(), serverName);
          dc = checked;
          leaf.useDelegatedCredential(checked);
          if (checked.publicKey() instanceof ECKey ec) {
            dcKeyBits = ec.getParams().getCurve().getField().getFieldSize();
          }
        }

        @Override
        public TlsCredentials getClientCredentials(org.bouncycastle.tls.CertificateRequest request) {
          return null;
        }
      };
    }
  }

  /** Crypto whose first server certificate is wrapped, so the handshake can be verified with the DC. */
  private static final class DcCrypto extends BcTlsCrypto {
    private final DcCertificate leaf;
    private boolean leafTaken;

    DcCrypto(DcCertificate leaf) {
      super(new SecureRandom());
      this.leaf = leaf;
    }

    @Override
    public synchronized TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
      TlsCertificate real = super.createCertificate(type, encoding);
      if (leafTaken) {
        return real;
      }
      leafTaken = true; // the end-entity comes first in the Certificate message
      leaf.wrap(real, this);
      return leaf;
    }
  }

  /**
   * The end-entity certificate, whose {@code createVerifier(scheme)} uses the DC public key once a
   * valid DC arrived (and refuses any other scheme than the DC's), as RFC 9345 section 4 requires.
   */
  private static final class DcCertificate implements TlsCertificate {
    private TlsCertificate real;
    private BcTlsCrypto crypto;
    private volatile DelegatedCredential dc;

    void wrap(TlsCertificate certificate, BcTlsCrypto bc) {
      this.real = certificate;
      this.crypto = bc;
    }

    void useDelegatedCredential(DelegatedCredential credential) {
      this.dc = credential;
    }

    @Override
    public Tls13Verifier createVerifier(int signatureScheme) throws IOException {
      DelegatedCredential d = dc;
      if (d == null) {
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no delegated credential to verify with");
      }
      if (signatureScheme != d.credential().dcCertVerifyAlgorithm().code()) {
        throw new TlsFatalAlert(AlertDescription.illegal_parameter, "CertificateVerify scheme does not match the DC's");
      }
      return new BcTlsRawKeyCertificate(crypto, SubjectPublicKeyInfo.getInstance(d.credential().subjectPublicKeyInfo()))
          .createVerifier(signatureScheme);
    }

    @Override
    public TlsVerifier createVerifier(short signatureAlgorithm) throws IOException {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "only TLS 1.3 with a delegated credential");
    }

    @Override
    public TlsEncryptor createEncryptor(int tlsCertificateRole) throws IOException {
      return real.createEncryptor(tlsCertificateRole);
    }

    @Override
    public byte[] getEncoded() throws IOException {
      return real.getEncoded();
    }

    @Override
    public byte[] getExtension(ASN1ObjectIdentifier extensionOID) throws IOException {
      return real.getExtension(extensionOID);
    }

    @Override
    public BigInteger getSerialNumber() {
      return real.getSerialNumber();
    }

    @Override
    public String getSigAlgOID() {
      return real.getSigAlgOID();
    }

    @Override
    public ASN1Encodable getSigAlgParams() throws IOException {
      return real.getSigAlgParams();
    }

    @Override
    public short getLegacySignatureAlgorithm() throws IOException {
      return real.getLegacySignatureAlgorithm();
    }

    @Override
    public boolean supportsSignatureAlgorithm(short signatureAlgorithm) throws IOException {
      return real.supportsSignatureAlgorithm(signatureAlgorithm);
    }

    @Override
    public boolean supportsSignatureAlgorithmCA(short signatureAlgorithm) throws IOException {
      return real.supportsSignatureAlgorithmCA(signatureAlgorithm);
    }

    @Override
    public TlsCertificate checkUsageInRole(int tlsCertificateRole) throws IOException {
      real.checkUsageInRole(tlsCertificateRole);
      return this;
    }
  }
}
