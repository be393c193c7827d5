package dev.baton.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A scripted HTTP server on a free loopback port: answers queued replies and records requests. */
final class FakeRegistryServer implements AutoCloseable {

  /** One recorded request. */
  record Request(String method, String path, String contentType, String accept, String authorization, String body) {}

  /** One scripted reply; {@code delay} holds the answer back (for timeout tests). */
  record Reply(int status, String contentType, String body, Duration delay) {
    static Reply json(int status, String body) {
      return new Reply(status, RegistryTransport.CONTENT_TYPE, body, Duration.ZERO);
    }
  }

  private final HttpServer server;
  private final Deque<Reply> replies = new ArrayDeque<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private Reply fallback = Reply.json(500, "{\"error_code\":50001,\"message\":\"no reply scripted\"}");

  FakeRegistryServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-registry");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Base URL, with a path prefix like Apicurio's ccompat API. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
  }

  synchronized FakeRegistryServer reply(Reply r) {
    replies.add(r);
    return this;
  }

  synchronized FakeRegistryServer reply(int status, String body) {
    return reply(Reply.json(status, body));
  }

  /** What every request gets once the queue is empty. */
  synchronized FakeRegistryServer always(int status, String body) {
    fallback = Reply.json(status, body);
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getRawPath().substring("/apis/ccompat/v7".length());
    requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Content-Type"),
        ex.getRequestHeaders().getFirst("Accept"), ex.getRequestHeaders().getFirst("Authorization"), body));
    Reply r;
    synchronized (this) {
      r = replies.isEmpty() ? fallback : replies.poll();
    }
    try {
      Thread.sleep(r.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", r.contentType());
    ex.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
