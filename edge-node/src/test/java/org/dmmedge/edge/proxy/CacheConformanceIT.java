package org.dmmedge.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
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
 * RFC 9111 behaviour seen from a client, the way a conformance suite probes a shared cache:
 * the same request twice through the edge, and whether the second one reached the origin.
 */
class CacheConformanceIT {
  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  @Order(2)
  @RegisterExtension static final EdgeServerExtension EDGE = EdgeServerExtension.reverseTo(ORIGIN);

  private static final AtomicInteger PATHS = new AtomicInteger();

  private static String freshPath() {
    return "/c/" + PATHS.incrementAndGet();
  }

  private static String xCache(HttpResponse<?> r) {
    return r.headers().firstValue("X-Cache").orElse("(none)");
  }

  private static String httpDate(Duration fromNow) {
    return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH)
        .format(EDGE.clock().instant().plus(fromNow).atZone(ZoneOffset.UTC));
  }

  /** Sends the request twice (settling in between); returns the second response. */
  private static HttpResponse<String> twice(String path, String... requestHeaders)
      throws Exception {
    Http.getText(EDGE.uri(path), requestHeaders);
    EDGE.settle();
    return Http.getText(EDGE.uri(path), requestHeaders);
  }

  @ParameterizedTest(name = "{0}: {1} -> stored={3}")
  @CsvSource(delimiter = '|', textBlock = """
      §5.2.2.1 max-age                         | 200 | Cache-Control: max-age=60                     | true
      §5.2.2.10 s-maxage beats max-age=0       | 200 | Cache-Control: max-age=0, s-maxage=60         | true
      §5.2.2.5 no-store                        | 200 | Cache-Control: no-store, max-age=60           | false
      §5.2.2.7 private                         | 200 | Cache-Control: private, max-age=60            | false
      §5.2.2.4 no-cache needs validation       | 200 | Cache-Control: no-cache, max-age=60           | false
      §4.2.1 max-age=0 is stale at once        | 200 | Cache-Control: max-age=0                      | false
      §3 no freshness, no validator            | 200 | X-Nothing: here                               | false
      §4.2.2 heuristic from Last-Modified      | 200 | Last-Modified: Mon, 01 Jan 2024 00:00:00 GMT  | true
      §4.2.2 404 is heuristically cacheable    | 404 | Last-Modified: Mon, 01 Jan 2024 00:00:00 GMT  | true
      §3 404 with max-age                      | 404 | Cache-Control: max-age=60                     | true
      §3 410 with max-age                      | 410 | Cache-Control: max-age=60                     | true
      §3 301 with max-age                      | 301 | Cache-Control: max-age=60                     | true
      §3 302 with max-age (explicit freshness) | 302 | Cache-Control: max-age=60                     | true
      §3 500 without freshness                 | 500 | X-Nothing: here                               | false
      §3 503 without freshness                 | 503 | X-Nothing: here                               | false
      §4.2.2 302 not heuristically cacheable   | 302 | Last-Modified: Mon, 01 Jan 2024 00:00:00 GMT  | false
      RFC 9213 CDN-Cache-Control wins          | 200 | CDN-Cache-Control: max-age=60                 | true
      """)
  void storesWhatTheRulesAllow(String rule, int status, String header, boolean stored)
      throws Exception {
    String path = freshPath();
    String[] h = header.split(":\\s*", 2);
    ORIGIN.respond(path, OriginReply.builder().status(status).header(h[0], h[1])
        .body("body of " + path).build());

    HttpResponse<String> second = twice(path);

    assertThat(second.statusCode()).isEqualTo(status);
    assertThat(ORIGIN.requestCount(path)).as(rule).isEqualTo(stored ? 1 : 2);
    if (stored) {
      assertThat(xCache(second)).isEqualTo("HIT");
      assertThat(second.body()).isEqualTo("body of " + path);
    }
  }

  @Test
  void expiresInTheFutureIsFresh() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("e")
        .header("Expires", httpDate(Duration.ofMinutes(5))).build());

    assertThat(xCache(twice(path))).isEqualTo("HIT");
  }

  @Test
  void expiresInThePastOrInvalidIsStale() throws Exception {
    String past = freshPath();
    String invalid = freshPath();
    ORIGIN.respond(past, OriginReply.builder().body("p")
        .header("Expires", httpDate(Duration.ofMinutes(-5))).build());
    ORIGIN.respond(invalid, OriginReply.builder().body("i").header("Expires", "0").build());

    twice(past);
    twice(invalid);

    assertThat(ORIGIN.requestCount(past)).isEqualTo(2);
    assertThat(ORIGIN.requestCount(invalid)).isEqualTo(2);
  }

  @Test
  void maxAgeBeatsExpires() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("m").header("Cache-Control", "max-age=60")
        .header("Expires", httpDate(Duration.ofMinutes(-5))).build());

    assertThat(xCache(twice(path))).isEqualTo("HIT");
  }

  @Test
  void cdnCacheControlIsObeyedFirstAndNotForwarded() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("c")
        .header("CDN-Cache-Control", "max-age=60").header("Cache-Control", "no-store").build());

    HttpResponse<String> second = twice(path);

    assertThat(xCache(second)).isEqualTo("HIT");
    assertThat(second.headers().firstValue("CDN-Cache-Control")).isEmpty();
    assertThat(second.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void authorizationRequestsAreNotSharedUnlessPublic() throws Exception {
    String plain = freshPath();
    String shared = freshPath();
    ORIGIN.respond(plain, OriginReply.builder().body("a").header("Cache-Control", "max-age=60")
        .build());
    ORIGIN.respond(shared, OriginReply.builder().body("b")
        .header("Cache-Control", "public, max-age=60").build());

    twice(plain, "Authorization", "Bearer x");
    HttpResponse<String> second = twice(shared, "Authorization", "Bearer x");

    assertThat(ORIGIN.requestCount(plain)).isEqualTo(2);
    assertThat(ORIGIN.requestCount(shared)).isEqualTo(1);
    assertThat(xCache(second)).isEqualTo("HIT");
  }

  @Test
  void requestNoStoreIsNeitherServedNorStored() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("n").header("Cache-Control", "max-age=60")
        .build());

    twice(path, "Cache-Control", "no-store");

    assertThat(ORIGIN.requestCount(path)).isEqualTo(2);
  }

  @Test
  void requestNoCacheForcesValidation() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("n").header("Cache-Control", "max-age=60")
        .build());
    Http.getText(EDGE.uri(path));
    EDGE.settle();

    Http.getText(EDGE.uri(path), "Cache-Control", "no-cache");

    assertThat(ORIGIN.requestCount(path)).isEqualTo(2);
  }

  @Test
  void requestMaxAgeZeroForcesValidation() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("n").header("Cache-Control", "max-age=60")
        .build());
    Http.getText(EDGE.uri(path));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(5));

    Http.getText(EDGE.uri(path), "Cache-Control", "max-age=2");

    assertThat(ORIGIN.requestCount(path)).isEqualTo(2);
  }

  @Test
  void onlyIfCachedMissIs504() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.ok("x"));

    HttpResponse<String> r = Http.getText(EDGE.uri(path), "Cache-Control", "only-if-cached");

    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.headers().firstValue("Cache-Status"))
        .contains(EdgeServerExtension.NAME + "; detail=only-if-cached");
    assertThat(ORIGIN.requestCount(path)).isZero();
  }

  @Test
  void varySelectsAVariantByTheNamedRequestHeader() throws Exception {
    String path = freshPath();
    ORIGIN.handle(path, r -> OriginReply.builder()
        .body("lang=" + r.header("Accept-Language").orElse("none"))
        .header("Cache-Control", "max-age=60").header("Vary", "Accept-Language").build());

    HttpResponse<String> en = twice(path, "Accept-Language", "en");
    HttpResponse<String> fr = twice(path, "Accept-Language", "fr");

    assertThat(en.body()).isEqualTo("lang=en");
    assertThat(fr.body()).isEqualTo("lang=fr");
    assertThat(xCache(en)).isEqualTo("HIT");
    assertThat(xCache(fr)).isEqualTo("HIT");
    assertThat(ORIGIN.requestCount(path)).isEqualTo(2);
  }

  @Test
  void varyStarIsNeverServedFromCache() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("v").header("Cache-Control", "max-age=60")
        .header("Vary", "*").build());

    twice(path);

    assertThat(ORIGIN.requestCount(path)).isEqualTo(2);
  }

  @Test
  void headIsAnsweredFromTheStoredGetWithoutABody() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("0123456789")
        .header("Cache-Control", "max-age=60").build());
    Http.getText(EDGE.uri(path));
    EDGE.settle();

    HttpResponse<String> head = Http.CLIENT.send(
        Http.request(EDGE.uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length")).contains("10");
    assertThat(xCache(head)).isEqualTo("HIT");
    assertThat(ORIGIN.requestCount(path)).isEqualTo(1);
  }

  @Test
  void headMissGoesToTheOriginAsHead() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("0123456789").build());

    HttpResponse<String> head = Http.CLIENT.send(
        Http.request(EDGE.uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).contains("10");
    assertThat(ORIGIN.requests(path).get(0).method()).isEqualTo("HEAD");
  }

  @Test
  void clientConditionalsAreAnswered304FromTheCache() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("etagged").header("ETag", "\"e1\"")
        .header("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")
        .header("Cache-Control", "max-age=60").build());
    Http.getText(EDGE.uri(path));
    EDGE.settle();

    HttpResponse<String> inm = Http.getText(EDGE.uri(path), "If-None-Match", "\"e1\"");
    HttpResponse<String> other = Http.getText(EDGE.uri(path), "If-None-Match", "\"zz\"");
    HttpResponse<String> ims = Http.getText(EDGE.uri(path),
        "If-Modified-Since", "Tue, 02 Jan 2024 00:00:00 GMT");
    HttpResponse<String> ifMatch = Http.getText(EDGE.uri(path), "If-Match", "\"nope\"");

    assertThat(inm.statusCode()).isEqualTo(304);
    assertThat(inm.body()).isEmpty();
    assertThat(inm.headers().firstValue("ETag")).contains("\"e1\"");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(ims.statusCode()).isEqualTo(304);
    assertThat(ifMatch.statusCode()).isEqualTo(412);
    assertThat(ORIGIN.requestCount(path)).isEqualTo(1);
  }

  @Test
  void everyResponseCarriesAgeViaServedByAndCacheStatus() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("h").header("Cache-Control", "max-age=60")
        .build());

    HttpResponse<String> miss = Http.getText(EDGE.uri(path));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(7));
    HttpResponse<String> hit = Http.getText(EDGE.uri(path));

    assertThat(miss.headers().firstValue("Via")).contains("1.1 " + EdgeServerExtension.NAME);
    assertThat(miss.headers().firstValue("X-Served-By")).contains(EdgeServerExtension.NAME);
    assertThat(miss.headers().firstValue("Cache-Status").orElseThrow())
        .isEqualTo(EdgeServerExtension.NAME + "; fwd=uri-miss; fwd-status=200; stored; ttl=60");
    assertThat(hit.headers().firstValue("Age")).contains("7");
    assertThat(hit.headers().firstValue("Cache-Status").orElseThrow())
        .isEqualTo(EdgeServerExtension.NAME + "; hit; ttl=53");
    assertThat(ORIGIN.requests(path).get(0).header("Via"))
        .contains("1.1 " + EdgeServerExtension.NAME);
  }

  @Test
  void unsafeMethodsInvalidateTheTargetAndLocation() throws Exception {
    String path = freshPath();
    String other = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("doc").header("Cache-Control", "max-age=60")
        .build());
    ORIGIN.respond(other, OriginReply.builder().body("other")
        .header("Cache-Control", "max-age=60").build());
    Http.getText(EDGE.uri(path));
    Http.getText(EDGE.uri(other));
    EDGE.settle();
    ORIGIN.respond(path, OriginReply.builder().status(303).header("Location", other).build());

    HttpResponse<byte[]> post = Http.send(Http.request(EDGE.uri(path))
        .POST(HttpRequest.BodyPublishers.ofString("form=1")).build());
    ORIGIN.respond(path, OriginReply.builder().body("doc2").header("Cache-Control", "max-age=60")
        .build());
    HttpResponse<String> afterPath = Http.getText(EDGE.uri(path));
    HttpResponse<String> afterOther = Http.getText(EDGE.uri(other));

    assertThat(post.statusCode()).isEqualTo(303);
    assertThat(ORIGIN.requests(path).get(1).bodyText()).isEqualTo("form=1");
    assertThat(afterPath.body()).isEqualTo("doc2");
    assertThat(xCache(afterPath)).isEqualTo("MISS");
    assertThat(xCache(afterOther)).isEqualTo("MISS");
  }

  @Test
  void failedUnsafeRequestsDoNotInvalidate() throws Exception {
    String path = freshPath();
    ORIGIN.respond(path, OriginReply.builder().body("doc").header("Cache-Control", "max-age=60")
        .build());
    Http.getText(EDGE.uri(path));
    EDGE.settle();
    ORIGIN.respond(path, OriginReply.status(500));

    Http.send(Http.request(EDGE.uri(path)).DELETE().build());

    assertThat(xCache(Http.getText(EDGE.uri(path)))).isEqualTo("HIT");
  }

  // ---- ranges (RFC 9110 §14) --------------------------------------------------------------

  private static byte[] cachedKilobyte(String path) throws Exception {
    byte[] body = new byte[1000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) ('a' + i % 26);
    }
    ORIGIN.respond(path, OriginReply.builder().body(body).header("ETag", "\"r1\"")
        .header("Cache-Control", "max-age=60").build());
    Http.get(EDGE.uri(path));
    EDGE.settle();
    return body;
  }

  @ParameterizedTest(name = "Range: {0} -> {1} {2}")
  @CsvSource({
      "bytes=0-99,    206, bytes 0-99/1000",
      "bytes=900-,    206, bytes 900-999/1000",
      "bytes=-100,    206, bytes 900-999/1000",
      "bytes=990-2000, 206, bytes 990-999/1000",
      "bytes=2000-,   416, bytes */1000",
  })
  void rangesAreServedFromTheCachedObject(String range, int status, String contentRange)
      throws Exception {
    String path = freshPath();
    byte[] body = cachedKilobyte(path);

    HttpResponse<byte[]> r = Http.get(EDGE.uri(path), "Range", range);

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Range")).contains(contentRange);
    if (status == 206) {
      String[] span = contentRange.substring(6, contentRange.indexOf('/')).split("-");
      int from = Integer.parseInt(span[0]);
      int to = Integer.parseInt(span[1]);
      assertThat(r.body()).isEqualTo(Arrays.copyOfRange(body, from, to + 1));
      assertThat(r.headers().firstValue("Content-Length")).contains("" + (to - from + 1));
    }
    assertThat(ORIGIN.requestCount(path)).isEqualTo(1);
  }

  @Test
  void ifRangeWithTheCurrentEtagGivesTheRangeAndAnOldOneTheWhole() throws Exception {
    String path = freshPath();
    byte[] body = cachedKilobyte(path);

    HttpResponse<byte[]> current = Http.get(EDGE.uri(path), "Range", "bytes=0-9",
        "If-Range", "\"r1\"");
    HttpResponse<byte[]> old = Http.get(EDGE.uri(path), "Range", "bytes=0-9",
        "If-Range", "\"r0\"");

    assertThat(current.statusCode()).isEqualTo(206);
    assertThat(current.body()).hasSize(10);
    assertThat(old.statusCode()).isEqualTo(200);
    assertThat(old.body()).isEqualTo(body);
  }

  @Test
  void rangeOnAMissFetchesTheWholeObjectOnceAndAnswersTheRange() throws Exception {
    String path = freshPath();
    byte[] body = new byte[300_000];
    new java.util.Random(9).nextBytes(body);
    ORIGIN.respond(path, OriginReply.builder().body(body).header("Cache-Control", "max-age=60")
        .build());

    HttpResponse<byte[]> range = Http.get(EDGE.uri(path), "Range", "bytes=1000-1999");
    EDGE.settle();
    HttpResponse<byte[]> whole = Http.get(EDGE.uri(path));

    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(body, 1000, 2000));
    assertThat(ORIGIN.requests(path).get(0).header("Range")).isEmpty();
    assertThat(whole.body()).isEqualTo(body);
    assertThat(xCache(whole)).isEqualTo("HIT");
    assertThat(ORIGIN.requestCount(path)).isEqualTo(1);
  }

  @Test
  void objectsAboveTheMaximumSizePassThroughUnstored() throws Exception {
    String path = freshPath();
    byte[] body = new byte[17 * 1024 * 1024]; // the test node stores at most 16 MiB
    ORIGIN.respond(path, OriginReply.builder().body(body).header("Cache-Control", "max-age=60")
        .build());

    HttpResponse<byte[]> first = Http.get(EDGE.uri(path));
    EDGE.settle();
    HttpResponse<byte[]> second = Http.get(EDGE.uri(path));

    assertThat(first.body()).hasSize(body.length);
    assertThat(second.body()).hasSize(body.length);
    assertThat(ORIGIN.requestCount(path)).isEqualTo(2);
  }
}
