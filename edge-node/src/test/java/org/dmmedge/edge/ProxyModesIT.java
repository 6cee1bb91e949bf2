package org.dmmedge.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.dmmedge.testkit.RecordedRequest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Forward and transparent modes, loops, CONNECT, methods passed through with their bodies. */
class ProxyModesIT {
  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  @Order(2)
  @RegisterExtension static final EdgeServerExtension EDGE = EdgeServerExtension.forward();

  private static HttpClient viaProxy() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", EDGE.port()))).build();
  }

  @Test
  void forwardModeFetchesAbsoluteFormTargetsAndCachesThem() throws Exception {
    ORIGIN.respond("/fwd", OriginReply.builder().body("forwarded")
        .header("Cache-Control", "max-age=60").build());
    HttpClient client = viaProxy();

    HttpResponse<String> first = client.send(HttpRequest.newBuilder(
        java.net.URI.create(ORIGIN.url("/fwd"))).build(), HttpResponse.BodyHandlers.ofString());
    EDGE.settle();
    HttpResponse<String> second = client.send(HttpRequest.newBuilder(
        java.net.URI.create(ORIGIN.url("/fwd"))).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(first.body()).isEqualTo("forwarded");
    assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(ORIGIN.requests("/fwd").get(0).header("Host")).contains(ORIGIN.authority());
  }

  @Test
  void originFormRequestsGoToTheirHostTransparently() throws Exception {
    ORIGIN.respond("/transparent", OriginReply.ok("by host"));

    String raw = Http.raw(EDGE.port(), "GET /transparent HTTP/1.1\r\nHost: "
        + ORIGIN.authority() + "\r\nConnection: close\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 200").endsWith("by host");
  }

  @Test
  void connectIsRefusedWith405() throws Exception {
    String raw = Http.raw(EDGE.port(), "CONNECT " + ORIGIN.authority() + " HTTP/1.1\r\nHost: "
        + ORIGIN.authority() + "\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 405");
    assertThat(ORIGIN.allRequests()).isEmpty();
  }

  @Test
  void aTargetThatIsTheNodeItselfIs508() throws Exception {
    String raw = Http.raw(EDGE.port(), "GET http://127.0.0.1:" + EDGE.port()
        + "/loop HTTP/1.1\r\nHost: 127.0.0.1:" + EDGE.port() + "\r\n\r\n");
    String byHost = Http.raw(EDGE.port(), "GET /loop HTTP/1.1\r\nHost: localhost:"
        + EDGE.port() + "\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 508");
    assertThat(byHost).startsWith("HTTP/1.1 508")
        .contains("Cache-Status: " + EdgeServerExtension.NAME + "; detail=rejected\r\n");
  }

  @Test
  void aRequestThatAlreadyPassedThisNodeIs508AndNeverForwarded() throws Exception {
    ORIGIN.respond("/looped", OriginReply.ok("no"));

    String raw = Http.raw(EDGE.port(), "GET /looped HTTP/1.1\r\nHost: " + ORIGIN.authority()
        + "\r\nVia: 1.1 upstream, 1.1 " + EdgeServerExtension.NAME + "\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 508");
    assertThat(ORIGIN.allRequests()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "REPORT", "X-CUSTOM"})
  void methodsThatAreNotCachedPassThroughWithTheirBodies(String method) throws Exception {
    String path = "/method/" + method;
    ORIGIN.respond(path, OriginReply.builder().status(201).body("done " + method).build());

    String raw = Http.raw(EDGE.port(), method + " " + path + " HTTP/1.1\r\nHost: "
        + ORIGIN.authority() + "\r\nContent-Length: 7\r\nConnection: close\r\n\r\npayload");

    assertThat(raw).startsWith("HTTP/1.1 201").endsWith("done " + method);
    assertThat(raw).contains("X-Cache: BYPASS");
    RecordedRequest seen = ORIGIN.requests(path).get(0);
    assertThat(seen.method()).isEqualTo(method);
    assertThat(seen.bodyText()).isEqualTo("payload");
  }

  @Test
  void aLargeChunkedUploadStreamsToTheOrigin() throws Exception {
    byte[] upload = new byte[3 * 1024 * 1024];
    new Random(5).nextBytes(upload);
    ORIGIN.respond("/upload", OriginReply.status(204));

    HttpResponse<byte[]> r = viaProxy().send(HttpRequest.newBuilder(
        java.net.URI.create(ORIGIN.url("/upload"))).POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(upload))).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(ORIGIN.requests("/upload").get(0).body()).isEqualTo(upload);
  }

  @Test
  void hopByHopHeadersAreNotForwarded() throws Exception {
    ORIGIN.respond("/hop", OriginReply.ok("hop"));

    Http.raw(EDGE.port(), "GET /hop HTTP/1.1\r\nHost: " + ORIGIN.authority()
        + "\r\nConnection: close, X-Secret\r\nX-Secret: 1\r\nKeep-Alive: timeout=5\r\n"
        + "Proxy-Authorization: Basic eDp5\r\nTE: trailers\r\nX-Kept: yes\r\n\r\n");

    RecordedRequest seen = ORIGIN.requests("/hop").get(0);
    assertThat(seen.header("X-Secret")).isEmpty();
    assertThat(seen.header("Keep-Alive")).isEmpty();
    assertThat(seen.header("Proxy-Authorization")).isEmpty();
    assertThat(seen.header("TE")).isEmpty();
    assertThat(seen.header("X-Kept")).contains("yes");
    assertThat(seen.header("Via")).contains("1.1 " + EdgeServerExtension.NAME);
  }

  @Test
  void anUnreachableOriginIs502AndASilentOne504() throws Exception {
    ORIGIN.respond("/silent", OriginReply.builder().headDelay(Duration.ofSeconds(2)).build());
    try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
      int deadPort = closed.getLocalPort();
      closed.close();
      String refused = Http.raw(EDGE.port(), "GET /x HTTP/1.1\r\nHost: 127.0.0.1:" + deadPort
          + "\r\n\r\n");
      assertThat(refused).startsWith("HTTP/1.1 502").contains("connect failed");
    }
    EdgeConfigs.withTimeout(ORIGIN, Duration.ofMillis(300), edge -> {
      String timedOut = Http.raw(edge.localAddress().getPort(), "GET /silent HTTP/1.1\r\nHost: "
          + ORIGIN.authority() + "\r\n\r\n");
      assertThat(timedOut).startsWith("HTTP/1.1 504").contains("timeout");
    });
  }
}
