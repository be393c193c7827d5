package dev.baton.edge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.credentials.MintedCredential;
import dev.baton.edge.EdgeFixture;
import dev.baton.edge.store.InstalledCredential;
import java.io.Closeable;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Vector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.junit.jupiter.api.Test;

/** The server side of the DC handshake against a bctls client, in memory (tstclnt is the full proof). */
class DelegatedCredentialTlsServerTest {

  final JcaTlsCrypto crypto = new JcaTlsCryptoProvider().setProvider(new BouncyCastleProvider()).create(new SecureRandom());
  final EdgeFixture fx = new EdgeFixture("bctls", Clock.systemUTC());
  final EdgeFixture.Delegation d = fx.delegation("edge.example.test");
  final MintedCredential m = fx.mint(d, Duration.ofHours(24));
  final InstalledCredential held = EdgeFixture.installed("web", d, m);

  @Test
  void clientOfferingDelegatedCredential_receivesTheDcInTheEndEntityEntry() throws Exception {
    AtomicReference<byte[]> received = new AtomicReference<>();
    Client client = new Client(true, received);
    DelegatedCredentialTlsServer server = new DelegatedCredentialTlsServer(crypto, name -> Optional.of(held));
    handshake(server, client);
    // bctls's client cannot verify a DC CertificateVerify, so its handshake ends after the
    // Certificate message; what matters here is what the server sent and signed with.
    assertThat(received.get()).isEqualTo(m.credential().encode());
    assertThat(server.selected()).contains(held);
    assertThat(server.serverName()).contains("edge.example.test");
  }

  @Test
  void clientWithoutDelegatedCredential_getsHandshakeFailure() throws Exception {
    DelegatedCredentialTlsServer server = new DelegatedCredentialTlsServer(crypto, name -> Optional.of(held));
    Throwable serverError = handshake(server, new Client(false, new AtomicReference<>()));
    assertThat(serverError).isInstanceOf(TlsFatalAlert.class);
    assertThat(((TlsFatalAlert) serverError).getAlertDescription()).isEqualTo(AlertDescription.handshake_failure);
    assertThat(server.selected()).isEmpty();
  }

  @Test
  void noCredentialForTheServerName_getsHandshakeFailure() throws Exception {
    DelegatedCredentialTlsServer server = new DelegatedCredentialTlsServer(crypto, name -> Optional.empty());
    Throwable serverError = handshake(server, new Client(true, new AtomicReference<>()));
    assertThat(((TlsFatalAlert) serverError).getAlertDescription()).isEqualTo(AlertDescription.handshake_failure);
  }

  /** Runs both sides over pipes; returns the server's failure (null if it completed). */
  private Throwable handshake(DelegatedCredentialTlsServer server, Client client) throws Exception {
    PipedInputStream serverIn = new PipedInputStream(64 * 1024);
    PipedOutputStream clientOut = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(64 * 1024);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    CompletableFuture<Throwable> serverSide = CompletableFuture.supplyAsync(() -> {
      TlsServerProtocol p = new TlsServerProtocol(serverIn, serverOut);
      try {
        p.accept(server);
        return null;
      } catch (IOException e) {
        return e;
      } finally {
        closeQuietly(serverOut);
      }
    });
    TlsClientProtocol c = new TlsClientProtocol(clientIn, clientOut);
    assertThatThrownBy(() -> c.connect(client)).isInstanceOf(IOException.class);
    closeQuietly(clientOut);
    return serverSide.get(30, TimeUnit.SECONDS);
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // the other side is gone already
    }
  }

  /** A TLS 1.3 client that may offer delegated_credential and records the DC the server sent. */
  private final class Client extends DefaultTlsClient {
    private final boolean offerDc;
    private final AtomicReference<byte[]> received;

    Client(boolean offerDc, AtomicReference<byte[]> received) {
      super(crypto);
      this.offerDc = offerDc;
      this.received = received;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.TLSv13.only();
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
      Vector<ServerName> names = new Vector<>();
      names.add(new ServerName(NameType.host_name,
          "edge.example.test".getBytes(StandardCharsets.US_ASCII)));
      return names;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // bctls's signature
    public Hashtable getClientExtensions() throws IOException {
      Hashtable ext = super.getClientExtensions();
      if (offerDc) {
        Vector<SignatureAndHashAlgorithm> schemes = new Vector<>();
        schemes.add(SignatureAndHashAlgorithm.getInstance((short) 4, (short) 3)); // ecdsa_secp256r1_sha256
        ext.put(DelegatedCredentialTlsServer.DELEGATED_CREDENTIAL, TlsExtensionsUtils.createSignatureAlgorithmsExtension(schemes));
      }
      return ext;
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new ServerOnlyTlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
          Hashtable<?, ?> ext = serverCertificate.getCertificate().getCertificateEntryAt(0).getExtensions();
          received.set(ext == null ? null : (byte[]) ext.get(DelegatedCredentialTlsServer.DELEGATED_CREDENTIAL));
        }
      };
    }
  }
}
