package org.dmmedge.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.edge.config.HostPort;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.edge.proxy.AccessLog;
import org.dmmedge.edge.proxy.ProxyHandler;
import org.dmmedge.edge.mobility.MobilityRequests;
import org.dmmedge.edge.mobility.MovedClients;
import org.dmmedge.edge.mobility.PlaybackTracker;
import org.dmmedge.edge.proxy.ProxyServices;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.origin.HttpClient5OriginClient;
import org.dmmedge.origin.OriginClientConfig;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link EdgeServer#drainClients}, what a MAR does to the connections of an MN that moved away
 * (only those from its prefix): idle keep-alive connections close at once, a response in
 * flight completes and then the connection closes, and one whose head is not out yet says
 * {@code Connection: close}; a connection the MN opens from its old prefix after the move
 * closes after its response ({@link MobilityRequests}). Clients: ::1 is the MN that moved,
 * 127.0.0.1 another one.
 */
class DrainClientsIT {
  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  private static final Ipv6Prefix MOVED = Ipv6Prefix.parse("::1/128");
  private static final byte[] BODY = new byte[64 * 1024];

  private final MovedClients moved = new MovedClients();
  private HttpClient5OriginClient client;
  private HttpCache cache;
  private EdgeServer server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    client = new HttpClient5OriginClient(OriginClientConfig.defaults());
    cache = HttpCache.create(CacheConfig.defaults(), Clock.systemUTC());
    OriginResolver resolver = new OriginResolver(ProxyMode.REVERSE,
        new OriginsConfig(Optional.of(ORIGIN.uri()), Map.of()), "edge", () -> null);
    ProxyServices services = new ProxyServices("edge", resolver, client,
        new AccessLog(false, Clock.systemUTC()), Clock.systemUTC(), "CDN-Cache-Control",
        new MobilityRequests(new PlaybackTracker(Clock.systemUTC(), 16), moved));
    server = new EdgeServer(new ServerConfig(new HostPort("::", 0), ProxyMode.REVERSE,
        8 * 1024, 2 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(1), 1),
        () -> new ProxyHandler(services, cache));
    port = server.start().getPort();
    ORIGIN.respond("/a", OriginReply.builder().body(BODY).header("Cache-Control", "no-store")
        .build());
  }

  @AfterEach
  void stop() throws Exception {
    server.stop(Duration.ofSeconds(1));
    cache.close();
    client.close();
  }

  @Test
  void idleConnectionsOfTheMovedPrefixCloseOthersStay() throws Exception {
    try (Socket moved = connect("::1"); Socket other = connect("127.0.0.1")) {
      assertThat(get(moved, "/a")).doesNotContain("connection: close");
      assertThat(get(other, "/a")).doesNotContain("connection: close");
      assertThat(server.drainClients(MOVED::contains)).isEqualTo(1);
      assertThat(moved.getInputStream().read()).as("closed by the server").isEqualTo(-1);
      assertThat(get(other, "/a")).startsWith("http/1.1 200");
    }
  }

  @Test
  void aResponseInFlightCompletesThenTheConnectionCloses() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ORIGIN.respond("/slow", OriginReply.builder().body(BODY).pauseAt(1024, gate).build());
    try (Socket moved = connect("::1")) {
      send(moved, "/slow");
      ORIGIN.awaitRequests("/slow", 1, Duration.ofSeconds(10));
      assertThat(server.drainClients(MOVED::contains)).isEqualTo(1);
      gate.countDown();
      assertThat(read(moved)).startsWith("HTTP/1.1 200").endsWith(new String(BODY,
          StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void aResponseWhoseHeadIsNotOutSaysConnectionClose() throws Exception {
    ORIGIN.respond("/late", OriginReply.builder().body(BODY).headDelay(Duration.ofMillis(500))
        .build());
    try (Socket moved = connect("::1")) {
      send(moved, "/late");
      ORIGIN.awaitRequests("/late", 1, Duration.ofSeconds(10));
      assertThat(server.drainClients(MOVED::contains)).isEqualTo(1);
      assertThat(read(moved)).startsWith("HTTP/1.1 200").contains("connection: close");
    }
  }

  @Test
  void aConnectionOpenedFromAMovedPrefixAfterTheMoveClosesAfterItsResponse() throws Exception {
    moved.moved("mn", java.util.List.of(MOVED));
    try (Socket late = connect("::1"); Socket other = connect("127.0.0.1")) {
      send(late, "/a");
      assertThat(read(late)).startsWith("HTTP/1.1 200").contains("connection: close");
      assertThat(get(other, "/a")).doesNotContain("connection: close");
    }
    moved.returned("mn");
    try (Socket back = connect("::1")) {
      assertThat(get(back, "/a")).doesNotContain("connection: close");
    }
  }

  private Socket connect(String host) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getByName(host), port), 5000);
    s.setSoTimeout(10_000);
    return s;
  }

  private static void send(Socket s, String path) throws IOException {
    s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: edge\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends a GET and reads one response with a Content-Length body; the connection stays. */
  private static String get(Socket s, String path) throws IOException {
    send(s, path);
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed in the head: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
    int at = text.indexOf("content-length: ") + 16;
    int length = Integer.parseInt(text.substring(at, text.indexOf("\r\n", at)));
    assertThat(in.readNBytes(length)).hasSize(length);
    return text;
  }

  /** Reads until the server closes: the whole response. */
  private static String read(Socket s) throws IOException {
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }
}
