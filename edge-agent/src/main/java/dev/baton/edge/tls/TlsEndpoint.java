package dev.baton.edge.tls;

import static java.util.Objects.requireNonNull;

import dev.baton.edge.store.InstalledCredential;
import dev.baton.edge.store.InstalledCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS 1.3 listener: one accept thread and a small pool of blocking connection handlers, each
 * running a {@link DelegatedCredentialTlsServer} over the credentials the agent holds at that
 * moment, then answering a tiny HTTP/1.1 response naming the datacenter and the credential serial.
 */
public final class TlsEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TlsEndpoint.class);
  private static final int READ_TIMEOUT_MS = 10_000;
  private static final int MAX_REQUEST_HEAD = 8 * 1024;

  private final String datacenter;
  private final Supplier<InstalledCredentials> credentials;
  private final Clock clock;
  private final JcaTlsCrypto crypto;
  private final ServerSocket serverSocket;
  private final ThreadPoolExecutor handlers;
  private final Thread acceptor;
  private final AtomicInteger handshakes = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile boolean closed;

  private TlsEndpoint(String datacenter, Supplier<InstalledCredentials> credentials, Clock clock, ServerSocket socket,
      int threads) {
    this.datacenter = datacenter;
    this.credentials = credentials;
    this.clock = clock;
    this.crypto = new JcaTlsCryptoProvider().setProvider(new BouncyCastleProvider()).create(new SecureRandom());
    this.serverSocket = socket;
    AtomicInteger n = new AtomicInteger();
    this.handlers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 16),
        r -> daemon(r, "edge-tls-" + datacenter + "-" + n.incrementAndGet()));
    this.acceptor = daemon(this::acceptLoop, "edge-tls-accept-" + datacenter);
  }

  /**
   * Binds and starts serving.
   *
   * @param host address to bind
   * @param port port (0: a free one; see {@link #port()})
   * @param threads connection handler threads
   */
  public static TlsEndpoint start(String datacenter, String host, int port, int threads,
      Supplier<InstalledCredentials> credentials, Clock clock) throws IOException {
    requireNonNull(datacenter, "datacenter must not be null");
    requireNonNull(credentials, "credentials must not be null");
    requireNonNull(clock, "clock must not be null");
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
    } catch (IOException e) {
      socket.close();
      throw new IOException("cannot bind TLS listener " + host + ":" + port + ": " + e.getMessage(), e);
    }
    TlsEndpoint endpoint = new TlsEndpoint(datacenter, credentials, clock, socket, threads);
    endpoint.acceptor.start();
    return endpoint;
  }

  /** The bound port. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** Completed handshakes. */
  public int handshakes() {
    return handshakes.get();
  }

  /** Failed handshakes (alerts sent or connection errors). */
  public int failures() {
    return failures.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = serverSocket.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("TLS accept failed: {}", e.getMessage());
        }
        continue;
      }
      try {
        handlers.execute(() -> handle(s));
      } catch (RejectedExecutionException e) {
        // Overloaded (or closing): shed the connection rather than queue without bound.
        closeQuietly(s);
      }
    }
  }

  private void handle(Socket socket) {
    try (socket) {
      socket.setSoTimeout(READ_TIMEOUT_MS);
      InstalledCredentials held = credentials.get();
      DelegatedCredentialTlsServer server = new DelegatedCredentialTlsServer(crypto, name -> held.select(name, clock.instant()));
      TlsServerProtocol protocol = new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream());
      protocol.accept(server);
      handshakes.incrementAndGet();
      InstalledCredential served = server.selected().orElseThrow();
      if (readRequestHead(protocol.getInputStream())) {
        writeResponse(protocol.getOutputStream(), served);
      }
      protocol.close();
    } catch (IOException | RuntimeException e) {
      failures.incrementAndGet();
      LOG.debug("TLS connection failed: {}", e.toString());
    }
  }

  /** Reads up to the blank line ending the request head; false when the client sent none. */
  private static boolean readRequestHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    int state = 0;
    while ((b = in.read()) >= 0) {
      head.write(b);
      // Accept both CRLF CRLF and bare LF LF.
      state = b == '\n' ? (state == 1 ? 2 : 1) : (b == '\r' ? state : 0);
      if (state == 2) {
        return true;
      }
      if (head.size() > MAX_REQUEST_HEAD) {
        return false;
      }
    }
    return head.size() > 0;
  }

  private void writeResponse(OutputStream out, InstalledCredential served) throws IOException {
    String body = "datacenter=" + datacenter + "\ncertificate=" + served.certificateId() + "\nserial=" + served.serial()
        + "\nexpires=" + served.expiresAt() + "\n";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + bytes.length
        + "\r\nConnection: close\r\nX-Baton-Datacenter: " + datacenter + "\r\nX-Baton-Credential-Serial: " + served.serial()
        + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(serverSocket);
    handlers.shutdownNow();
    try {
      acceptor.join(5_000);
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      if (!(e instanceof SocketException)) {
        LOG.debug("close failed: {}", e.toString());
      }
    }
  }
}
