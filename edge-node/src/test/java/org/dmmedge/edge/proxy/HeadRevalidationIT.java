package org.dmmedge.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dmmedge.edge.EdgeServerExtension;
import org.dmmedge.edge.Http;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.dmmedge.testkit.RecordedRequest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A HEAD on a stale entry is revalidated with a HEAD to the origin, whose response updates
 * the stored GET response when it matches and invalidates it when not (RFC 9111 §4.3.5).
 */
class HeadRevalidationIT {
  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  @Order(2)
  @RegisterExtension static final EdgeServerExtension EDGE = EdgeServerExtension.reverseTo(ORIGIN);

  private static final AtomicInteger PATHS = new AtomicInteger();
  private static final String NODE = EdgeServerExtension.NAME;

  private static String freshPath() {
    return "/head/" + PATHS.incrementAndGet();
  }

  private static HttpResponse<String> head(String path) throws Exception {
    return Http.CLIENT.send(Http.request(EDGE.uri(path))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Stores {@code path} with a GET, then lets it go stale. */
  private static void storeThenStale(String path) throws Exception {
    assertThat(Http.getText(EDGE.uri(path)).headers().firstValue("X-Cache")).contains("MISS");
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(11));
  }

  private static OriginReply.Builder version(String etag, String body) {
    return OriginReply.builder().body(body).header("ETag", etag)
        .header("Cache-Control", "max-age=10");
  }

  @Test
  void aMatching200UpdatesTheStoredResponse() throws Exception {
    String path = freshPath();
    ORIGIN.handle(path, request -> version("\"v1\"", "hello")
        .header("X-Version", request.method().equals("HEAD") ? "2" : "1").build());
    storeThenStale(path);

    HttpResponse<String> head = head(path);

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("X-Cache")).contains("REVALIDATED");
    assertThat(head.headers().firstValue("X-Version")).contains("2");
    assertThat(head.headers().firstValue("Content-Length")).contains("5");
    assertThat(head.headers().firstValue("Cache-Status").orElseThrow())
        .isEqualTo(NODE + "; fwd=stale; fwd-status=200; ttl=10; detail=head-updated");
    RecordedRequest sent = ORIGIN.requests(path).get(1);
    assertThat(sent.method()).isEqualTo("HEAD");
    assertThat(sent.header("If-None-Match")).contains("\"v1\"");

    HttpResponse<String> get = Http.getText(EDGE.uri(path));
    assertThat(get.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(get.headers().firstValue("X-Version")).contains("2");
    assertThat(get.headers().firstValue("Age")).contains("0");
    assertThat(get.body()).isEqualTo("hello");
    assertThat(ORIGIN.requestCount(path)).isEqualTo(2);
  }

  @Test
  void aChangedRepresentationInvalidatesTheStoredResponse() throws Exception {
    String path = freshPath();
    AtomicReference<OriginReply> current = new AtomicReference<>(version("\"v1\"", "hello")
        .build());
    ORIGIN.handle(path, request -> current.get());
    storeThenStale(path);
    current.set(version("\"v2\"", "hello, again").build());

    HttpResponse<String> head = head(path);

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("ETag")).contains("\"v2\"");
    assertThat(head.headers().firstValue("Content-Length")).contains("12");
    assertThat(head.headers().firstValue("Cache-Status").orElseThrow())
        .isEqualTo(NODE + "; fwd=stale; fwd-status=200; detail=head-mismatch");
    HttpResponse<String> get = Http.getText(EDGE.uri(path));
    assertThat(get.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(get.body()).isEqualTo("hello, again");
    assertThat(ORIGIN.requests(path)).extracting(RecordedRequest::method)
        .containsExactly("GET", "HEAD", "GET");
  }

  @Test
  void a304ToTheHeadRefreshesTheStoredResponse() throws Exception {
    String path = freshPath();
    ORIGIN.handle(path, request -> request.header("If-None-Match").isPresent()
        ? OriginReply.builder().status(304).header("ETag", "\"v1\"")
            .header("Cache-Control", "max-age=10").build()
        : version("\"v1\"", "hello").build());
    storeThenStale(path);

    HttpResponse<String> head = head(path);

    assertThat(head.headers().firstValue("X-Cache")).contains("REVALIDATED");
    assertThat(head.headers().firstValue("Cache-Status").orElseThrow())
        .isEqualTo(NODE + "; fwd=stale; fwd-status=304; ttl=10");
    assertThat(head.headers().firstValue("Content-Length")).contains("5");
    assertThat(Http.getText(EDGE.uri(path)).headers().firstValue("X-Cache")).contains("HIT");
    assertThat(ORIGIN.requestCount(path)).isEqualTo(2);
  }

  @Test
  void anOriginFailureAnswers502UnlessStaleIfErrorAllowsTheStoredResponse() throws Exception {
    String plain = freshPath();
    String tolerant = freshPath();
    ORIGIN.respond(plain, version("\"v1\"", "hello").build());
    ORIGIN.respond(tolerant, OriginReply.builder().body("hello").header("ETag", "\"v1\"")
        .header("Cache-Control", "max-age=10, stale-if-error=600").build());
    Http.getText(EDGE.uri(plain));
    storeThenStale(tolerant);
    ORIGIN.down();
    try {
      HttpResponse<String> failed = head(plain);
      HttpResponse<String> stale = head(tolerant);

      assertThat(failed.statusCode()).isEqualTo(502);
      assertThat(failed.headers().firstValue("Cache-Status"))
          .contains(NODE + "; detail=origin-error");
      assertThat(stale.statusCode()).isEqualTo(200);
      assertThat(stale.headers().firstValue("X-Cache")).contains("STALE");
      assertThat(stale.headers().firstValue("Content-Length")).contains("5");
      assertThat(stale.headers().firstValue("Cache-Status").orElseThrow())
          .isEqualTo(NODE + "; hit; ttl=-1");
    } finally {
      ORIGIN.up();
    }
  }

  @Test
  void aHeadOnAMissIsForwardedAsHeadAndStoresNothing() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, version("\"v1\"", "hello").build());

    HttpResponse<String> head = head(path);

    assertThat(head.headers().firstValue("Content-Length")).contains("5");
    assertThat(head.headers().firstValue("Cache-Status").orElseThrow())
        .isEqualTo(NODE + "; fwd=uri-miss; fwd-status=200");
    assertThat(ORIGIN.requests(path)).extracting(RecordedRequest::method).containsExactly("HEAD");
    assertThat(Http.getText(EDGE.uri(path)).headers().firstValue("X-Cache")).contains("MISS");
  }
}
