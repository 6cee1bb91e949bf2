package org.dmmedge.testkit;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A Jetty origin on loopback over TLS with a test certificate: HTTP/2 and HTTP/1.1 offered by
 * ALPN, or HTTP/1.1 only. Each path answers one scripted body, written in two halves with a
 * gate between them, so a test can see the first half arrive before the origin sends the rest.
 * Records the protocol and authority of every request. {@link #close()} stops it.
 */
public final class TlsOrigin implements AutoCloseable {
  /** One request as the origin saw it. */
  public record Seen(String path, String protocol, String authority) {}

  /** A body, its extra response fields and the gate held after its first half. */
  private record Reply(byte[] body, List<String> fields, CountDownLatch gate) {}

  private final Server server = new Server();
  private final ServerConnector connector;
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private TlsOrigin(TestCertificates certificates, boolean h2) throws Exception {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(certificates.serverKeyStore().toString());
    tls.setKeyStorePassword(TestCertificates.PASSWORD);
    tls.setKeyStoreType("PKCS12");
    HttpConfiguration http = new HttpConfiguration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false); // clients send no SNI for an IP address
    http.addCustomizer(secure);
    HttpConnectionFactory http11 = new HttpConnectionFactory(http);
    if (h2) {
      tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
      HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(http);
      ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
      alpn.setDefaultProtocol(http11.getProtocol());
      connector = new ServerConnector(server,
          new SslConnectionFactory(tls, alpn.getProtocol()), alpn, http2, http11);
    } else {
      connector = new ServerConnector(server,
          new SslConnectionFactory(tls, http11.getProtocol()), http11);
    }
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setStopTimeout(5_000);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback)
          throws Exception {
        return answer(request, response, callback);
      }
    });
    server.start();
  }

  /** An origin offering h2 and HTTP/1.1 by ALPN. */
  public static TlsOrigin h2(TestCertificates certificates) throws Exception {
    return new TlsOrigin(certificates, true);
  }

  /** An origin speaking HTTP/1.1 only (no ALPN). */
  public static TlsOrigin http11(TestCertificates certificates) throws Exception {
    return new TlsOrigin(certificates, false);
  }

  /**
   * Answers {@code path} with {@code body} and the given response fields (name, value, ...);
   * returns the gate held after the body's first half (open it to send the rest).
   */
  public CountDownLatch respond(String path, byte[] body, String... fieldNamesAndValues) {
    CountDownLatch gate = new CountDownLatch(1);
    replies.put(path, new Reply(body, List.of(fieldNamesAndValues), gate));
    return gate;
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** Every request so far, oldest first. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  private boolean answer(Request request, Response response, Callback callback)
      throws Exception {
    String path = request.getHttpURI().getPath();
    seen.add(new Seen(path, request.getConnectionMetaData().getProtocol(),
        request.getHttpURI().getAuthority()));
    Reply reply = replies.get(path);
    if (reply == null) {
      response.setStatus(404);
      response.write(true, ByteBuffer.allocate(0), callback);
      return true;
    }
    byte[] body = reply.body();
    int half = body.length / 2;
    response.setStatus(200);
    for (int i = 0; i < reply.fields().size(); i += 2) {
      response.getHeaders().add(reply.fields().get(i), reply.fields().get(i + 1));
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    try (Blocker.Callback written = Blocker.callback()) {
      response.write(false, ByteBuffer.wrap(body, 0, half), written);
      written.block();
    }
    if (!reply.gate().await(30, TimeUnit.SECONDS)) {
      callback.failed(new IllegalStateException("gate of " + path + " not opened in 30 s"));
      return true;
    }
    response.write(true, ByteBuffer.wrap(body, half, body.length - half), callback);
    return true;
  }

  /** Opens every gate and stops the server. */
  @Override
  public void close() throws Exception {
    replies.values().forEach(r -> r.gate().countDown());
    server.stop();
  }
}
