package org.dmmedge.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.dmmedge.edge.EdgeServerExtension;
import org.dmmedge.edge.Http;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stale responses: revalidation (RFC 9111 §4.3), RFC 5861 windows, Age arithmetic (§4.2.3). */
class StaleIT {
  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  @Order(2)
  @RegisterExtension static final EdgeServerExtension EDGE = EdgeServerExtension.reverseTo(ORIGIN);

  private static String xCache(HttpResponse<?> r) {
    return r.headers().firstValue("X-Cache").orElse("(none)");
  }

  @Test
  void staleIfErrorServesTheStaleResponseWhenTheOriginIsDown() throws Exception {
    ORIGIN.respond("/sie", OriginReply.builder().body("old")
        .header("Cache-Control", "max-age=10, stale-if-error=600").build());
    Http.getText(EDGE.uri("/sie"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(60));
    ORIGIN.down();
    try {
      HttpResponse<String> stale = Http.getText(EDGE.uri("/sie"));

      assertThat(stale.statusCode()).isEqualTo(200);
      assertThat(stale.body()).isEqualTo("old");
      assertThat(xCache(stale)).isEqualTo("STALE");
      assertThat(stale.headers().firstValue("Age")).contains("60");
    } finally {
      ORIGIN.up();
    }
  }

  @Test
  void withoutStaleIfErrorADownOriginIs502() throws Exception {
    ORIGIN.respond("/no-sie", OriginReply.builder().body("old")
        .header("Cache-Control", "max-age=10").build());
    Http.getText(EDGE.uri("/no-sie"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(60));
    ORIGIN.down();
    try {
      HttpResponse<String> failed = Http.getText(EDGE.uri("/no-sie"));

      assertThat(failed.statusCode()).isEqualTo(502);
      assertThat(failed.body()).startsWith("502 connect failed");
    } finally {
      ORIGIN.up();
    }
  }

  @Test
  void staleIfErrorWindowIsBoundedByItsSeconds() throws Exception {
    ORIGIN.respond("/sie-late", OriginReply.builder().body("old")
        .header("Cache-Control", "max-age=10, stale-if-error=20").build());
    Http.getText(EDGE.uri("/sie-late"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(31)); // 21 s stale: beyond the 20 s window
    ORIGIN.down();
    try {
      assertThat(Http.getText(EDGE.uri("/sie-late")).statusCode()).isEqualTo(502);
    } finally {
      ORIGIN.up();
    }
  }

  @Test
  void notModifiedRefreshesTheEntryAndItsHeaders() throws Exception {
    AtomicInteger version = new AtomicInteger(1);
    ORIGIN.handle("/reval", r -> r.header("If-None-Match").orElse("").equals("\"v1\"")
        ? OriginReply.builder().status(304).header("ETag", "\"v1\"")
            .header("Cache-Control", "max-age=10").header("X-Version", "" + version.get()).build()
        : OriginReply.builder().body("body-v1").header("ETag", "\"v1\"")
            .header("Cache-Control", "max-age=10").header("X-Version", "1").build());
    Http.getText(EDGE.uri("/reval"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(30));
    version.set(2);

    HttpResponse<String> revalidated = Http.getText(EDGE.uri("/reval"));
    EDGE.settle();
    HttpResponse<String> hit = Http.getText(EDGE.uri("/reval"));

    assertThat(revalidated.body()).isEqualTo("body-v1");
    assertThat(xCache(revalidated)).isEqualTo("REVALIDATED");
    assertThat(revalidated.headers().firstValue("X-Version")).contains("2");
    assertThat(ORIGIN.requests("/reval").get(1).header("If-None-Match")).contains("\"v1\"");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(hit.headers().firstValue("X-Version")).contains("2");
    assertThat(ORIGIN.requestCount("/reval")).isEqualTo(2);
  }

  @Test
  void revalidationWithLastModifiedSendsIfModifiedSince() throws Exception {
    String lastModified = "Mon, 01 Jan 2024 00:00:00 GMT";
    ORIGIN.handle("/reval-lm", r -> r.header("If-Modified-Since").isPresent()
        ? OriginReply.builder().status(304).header("Cache-Control", "max-age=10").build()
        : OriginReply.builder().body("lm").header("Last-Modified", lastModified)
            .header("Cache-Control", "max-age=10").build());
    Http.getText(EDGE.uri("/reval-lm"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(30));

    HttpResponse<String> revalidated = Http.getText(EDGE.uri("/reval-lm"));

    assertThat(revalidated.body()).isEqualTo("lm");
    assertThat(ORIGIN.requests("/reval-lm").get(1).header("If-Modified-Since"))
        .contains(lastModified);
  }

  @Test
  void revalidationAnsweredWithANewResponseReplacesTheEntry() throws Exception {
    AtomicInteger version = new AtomicInteger(1);
    ORIGIN.handle("/replace", r -> OriginReply.builder().body("v" + version.get())
        .header("ETag", "\"v" + version.get() + "\"").header("Cache-Control", "max-age=10")
        .build());
    Http.getText(EDGE.uri("/replace"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(30));
    version.set(2);

    HttpResponse<String> replaced = Http.getText(EDGE.uri("/replace"));
    EDGE.settle();
    HttpResponse<String> hit = Http.getText(EDGE.uri("/replace"));

    assertThat(replaced.body()).isEqualTo("v2");
    assertThat(xCache(replaced)).isEqualTo("MISS");
    assertThat(hit.body()).isEqualTo("v2");
    assertThat(xCache(hit)).isEqualTo("HIT");
  }

  @Test
  void staleWhileRevalidateServesStaleAndRevalidatesOnceInTheBackground() throws Exception {
    AtomicInteger version = new AtomicInteger(1);
    ORIGIN.handle("/swr", r -> OriginReply.builder().body("v" + version.get())
        .header("Cache-Control", "max-age=10, stale-while-revalidate=600").build());
    Http.getText(EDGE.uri("/swr"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(30));
    version.set(2);

    HttpResponse<String> first = Http.getText(EDGE.uri("/swr"));
    HttpResponse<String> second = Http.getText(EDGE.uri("/swr"));

    assertThat(first.body()).isEqualTo("v1");
    assertThat(xCache(first)).isEqualTo("STALE");
    ORIGIN.awaitRequests("/swr", 2, Duration.ofSeconds(10));
    // Bounded wait for the background fill to be indexed; then the new body is a hit.
    HttpResponse<String> fresh = second;
    for (int i = 0; i < 200 && !fresh.body().equals("v2"); i++) {
      Thread.sleep(10);
      fresh = Http.getText(EDGE.uri("/swr"));
    }
    assertThat(fresh.body()).isEqualTo("v2");
    assertThat(xCache(fresh)).isEqualTo("HIT");
    assertThat(ORIGIN.requestCount("/swr")).isEqualTo(2); // exactly one background revalidation
  }

  @Test
  void mustRevalidateNeverServesStaleWhenTheOriginIsDown() throws Exception {
    ORIGIN.respond("/must", OriginReply.builder().body("old")
        .header("Cache-Control", "max-age=10, must-revalidate, stale-if-error=600").build());
    Http.getText(EDGE.uri("/must"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(60));
    ORIGIN.down();
    try {
      HttpResponse<String> r = Http.getText(EDGE.uri("/must"));
      assertThat(r.statusCode()).isIn(502, 504);
    } finally {
      ORIGIN.up();
    }
  }

  @Test
  void ageAddsResidentTimeToTheOriginsAge() throws Exception {
    ORIGIN.respond("/age", OriginReply.builder().body("a").header("Age", "5")
        .header("Cache-Control", "max-age=100").build());
    HttpResponse<String> miss = Http.getText(EDGE.uri("/age"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(30));

    HttpResponse<String> hit = Http.getText(EDGE.uri("/age"));

    assertThat(miss.headers().firstValue("Age")).contains("5");
    assertThat(hit.headers().firstValue("Age")).contains("35");
    assertThat(xCache(hit)).isEqualTo("HIT");
  }

  @Test
  void maxAgeCountsTheOriginsAgeSoAnOldResponseExpiresSooner() throws Exception {
    ORIGIN.respond("/old-age", OriginReply.builder().body("a").header("Age", "90")
        .header("Cache-Control", "max-age=100").build());
    Http.getText(EDGE.uri("/old-age"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(15)); // 105 s old: stale

    HttpResponse<String> r = Http.getText(EDGE.uri("/old-age"));

    assertThat(xCache(r)).isNotEqualTo("HIT");
    assertThat(ORIGIN.requestCount("/old-age")).isEqualTo(2);
  }

  @Test
  void noCacheResponseIsStoredButRevalidatedEveryTime() throws Exception {
    ORIGIN.handle("/no-cache", r -> r.header("If-None-Match").isPresent()
        ? OriginReply.builder().status(304).header("ETag", "\"n\"").build()
        : OriginReply.builder().body("nc").header("ETag", "\"n\"")
            .header("Cache-Control", "no-cache").build());
    Http.getText(EDGE.uri("/no-cache"));
    EDGE.settle();

    HttpResponse<String> second = Http.getText(EDGE.uri("/no-cache"));

    assertThat(second.body()).isEqualTo("nc");
    assertThat(xCache(second)).isEqualTo("REVALIDATED");
    assertThat(ORIGIN.requestCount("/no-cache")).isEqualTo(2);
  }

  @Test
  void requestMaxStaleAcceptsAStaleResponse() throws Exception {
    ORIGIN.respond("/max-stale", OriginReply.builder().body("s")
        .header("Cache-Control", "max-age=10").build());
    Http.getText(EDGE.uri("/max-stale"));
    EDGE.settle();
    EDGE.clock().advance(Duration.ofSeconds(20));

    HttpResponse<String> r = Http.getText(EDGE.uri("/max-stale"), "Cache-Control", "max-stale=60");

    assertThat(xCache(r)).isEqualTo("STALE");
    assertThat(ORIGIN.requestCount("/max-stale")).isEqualTo(1);
  }
}
