package org.dmmedge.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.dmmedge.edge.EdgeServerExtension;
import org.dmmedge.edge.Http;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad and hostile requests over raw sockets: each is answered with its status and the
 * connection closed, and none reaches the origin.
 */
class RequestGuardIT {
  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  @Order(2)
  @RegisterExtension static final EdgeServerExtension EDGE = EdgeServerExtension.reverseTo(ORIGIN);

  private static final String HOST = "Host: 127.0.0.1\r\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Content-Length with Transfer-Encoding (RFC 9112 §6.1) | POST /s HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 4\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400
      two differing Content-Lengths (§6.3)                  | POST /s HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\nabcd | 400
      a Content-Length list                                 | POST /s HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3, 3\\r\\n\\r\\nabc | 400
      bad chunk size (§7.1)                                 | POST /s HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\nabc\\r\\n0\\r\\n\\r\\n | 400
      chunk size overflow                                   | POST /s HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nffffffffffffffffff\\r\\nabc\\r\\n0\\r\\n\\r\\n | 400
      obs-fold (§5.2)                                       | GET /s HTTP/1.1\\r\\nHost: x\\r\\nX-A: one\\r\\n two\\r\\n\\r\\n | 400
      obs-fold with a tab                                   | GET /s HTTP/1.1\\r\\nHost: x\\r\\nX-A: one\\r\\n\\tTransfer-Encoding: chunked\\r\\n\\r\\n | 400
      Transfer-Encoding other than chunked                  | POST /s HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400
      whitespace before the colon                           | GET /s HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n | 400
      bare LF line ends                                     | GET /s HTTP/1.1\\nHost: x\\n\\n | 400
      garbage request line                                  | HELLO\\r\\n\\r\\n | 400
      missing Host in HTTP/1.1 (§3.2)                       | GET /s HTTP/1.1\\r\\n\\r\\n | 400
      two Host headers                                      | GET /s HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n | 400
      HTTP/2 preface on HTTP/1.1                            | PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n | 400
      """)
  void rejectsAndClosesWithoutReachingTheOrigin(String shape, String request, int status)
      throws Exception {
    ORIGIN.respond("/s", OriginReply.ok("should not be asked"));
    String raw = Http.raw(EDGE.port(), unescape(request));

    assertThat(raw).as(shape).startsWith("HTTP/1.1 " + status);
    assertThat(raw).containsIgnoringCase("connection: close");
    assertThat(Http.countResponses(raw)).isEqualTo(1);
    assertThat(ORIGIN.allRequests()).isEmpty();
  }

  private static String unescape(String s) {
    return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
  }

  @Test
  void tooLongRequestLineIs414() throws Exception {
    String raw = Http.raw(EDGE.port(),
        "GET /" + "a".repeat(4000) + " HTTP/1.1\r\n" + HOST + "\r\n");

    assertThat(raw).startsWith("HTTP/1.1 414");
    assertThat(ORIGIN.allRequests()).isEmpty();
  }

  @Test
  void tooLargeHeaderBlockIs431() throws Exception {
    String raw = Http.raw(EDGE.port(),
        "GET /s HTTP/1.1\r\n" + HOST + "X-Big: " + "b".repeat(10_000) + "\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 431");
    assertThat(ORIGIN.allRequests()).isEmpty();
  }

  @Test
  void aSmugglingRequestPipelinedBehindAGoodOneIsRejectedInOrder() throws Exception {
    ORIGIN.respond("/good", OriginReply.builder().body("good")
        .header("Cache-Control", "max-age=60").build());
    String raw = Http.raw(EDGE.port(), "GET /good HTTP/1.1\r\n" + HOST + "\r\n"
        + "POST /s HTTP/1.1\r\n" + HOST + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "0\r\n\r\nGET /s HTTP/1.1\r\n" + HOST + "\r\n");

    assertThat(raw).startsWith("HTTP/1.1 200");
    assertThat(raw.indexOf("HTTP/1.1 400")).isGreaterThan(raw.indexOf("good"));
    assertThat(Http.countResponses(raw)).isEqualTo(2);
    assertThat(ORIGIN.requestCount("/good")).isEqualTo(1);
    assertThat(ORIGIN.requestCount("/s")).isZero();
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    // The first answer is the slowest: order must still be one, two, three.
    ORIGIN.respond("/p1", OriginReply.builder().body("one").headDelay(Duration.ofMillis(300))
        .build());
    ORIGIN.respond("/p2", OriginReply.builder().body("two").headDelay(Duration.ofMillis(100))
        .build());
    ORIGIN.respond("/p3", OriginReply.ok("three"));

    String raw = Http.raw(EDGE.port(), "GET /p1 HTTP/1.1\r\n" + HOST + "\r\n"
        + "GET /p2 HTTP/1.1\r\n" + HOST + "\r\n"
        + "GET /p3 HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");

    assertThat(Http.countResponses(raw)).isEqualTo(3);
    assertThat(raw.indexOf("one")).isLessThan(raw.indexOf("two"));
    assertThat(raw.indexOf("two")).isLessThan(raw.indexOf("three"));
  }

  @Test
  void pipelinedPostWithBodyAndGetKeepTheirBoundaries() throws Exception {
    ORIGIN.respond("/post", OriginReply.ok("posted"));
    ORIGIN.respond("/after", OriginReply.ok("after"));

    String raw = Http.raw(EDGE.port(), "POST /post HTTP/1.1\r\n" + HOST
        + "Content-Length: 11\r\n\r\nhello world"
        + "GET /after HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");

    assertThat(Http.countResponses(raw)).isEqualTo(2);
    assertThat(raw.indexOf("posted")).isLessThan(raw.indexOf("after"));
    assertThat(ORIGIN.requests("/post").get(0).bodyText()).isEqualTo("hello world");
  }

  @Test
  void keepAliveServesManyRequestsOnOneConnection() throws Exception {
    ORIGIN.respond("/k", OriginReply.builder().body("k").header("Cache-Control", "max-age=60")
        .build());
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      requests.append("GET /k HTTP/1.1\r\n").append(HOST).append(i == 19
          ? "Connection: close\r\n\r\n" : "\r\n");
    }
    String raw = Http.raw(EDGE.port(), requests.toString());

    assertThat(Http.countResponses(raw)).isEqualTo(20);
  }

  @Test
  void http10RequestWithoutKeepAliveIsClosedAfterTheResponse() throws Exception {
    ORIGIN.respond("/ten", OriginReply.ok("ten"));
    String raw = Http.raw(EDGE.port(), "GET /ten HTTP/1.0\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 200").endsWith("ten");
  }
}
