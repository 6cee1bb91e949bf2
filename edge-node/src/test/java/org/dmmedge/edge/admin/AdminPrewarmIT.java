package org.dmmedge.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dmmedge.edge.Http;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pre-warming through the real admin API, against a real origin, checked through the proxy. */
class AdminPrewarmIT {
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();

  private static final String[] COUNTS = {"done", "stored", "alreadyCached", "joined", "failed",
      "bytes"};

  @Test
  void prewarmOf200UrlsReportsGrowingProgressAndEndsWithAllCached() throws Exception {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String path = "/video/seg" + i + ".m4s";
      paths.add(path);
      ORIGIN.respond(path, OriginReply.builder().body("segment " + i + " " + "x".repeat(2000))
          .header("Cache-Control", "max-age=600").build());
    }
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      HttpResponse<String> started = edge.post("/admin/prewarm",
          "{\"urls\": " + AdminNode.JSON.writeValueAsString(paths.stream().map(edge::url)
              .toList()) + "}");
      assertThat(started.statusCode()).isEqualTo(202);
      JsonNode progress = AdminNode.JSON.readTree(started.body());
      assertThat(progress.get("total").asLong()).isEqualTo(200);

      List<JsonNode> seen = followToEnd(edge, progress.get("id").asText());
      JsonNode last = seen.get(seen.size() - 1);
      for (int i = 1; i < seen.size(); i++) {
        for (String count : COUNTS) {
          assertThat(seen.get(i).get(count).asLong()).as(count)
              .isGreaterThanOrEqualTo(seen.get(i - 1).get(count).asLong());
        }
      }
      assertThat(last.get("state").asText()).isEqualTo("done");
      assertThat(last.get("done").asLong()).isEqualTo(200);
      assertThat(last.get("stored").asLong()).isEqualTo(200);
      assertThat(last.get("failed").asLong()).isZero();
      assertThat(last.get("bytes").asLong()).isGreaterThan(200L * 2000);
      assertThat(last.get("etaSeconds").asDouble()).isZero();

      for (String path : paths) {
        HttpResponse<String> r = Http.getText(java.net.URI.create(edge.url(path)));
        assertThat(r.headers().firstValue("X-Cache")).as(path).contains("HIT");
        assertThat(ORIGIN.requestCount(path)).as(path).isEqualTo(1);
      }
    }
  }

  @Test
  void aSecondPrewarmFindsEverythingCachedAndFailuresCarryReasons() throws Exception {
    ORIGIN.respond("/a", OriginReply.builder().body("a").header("Cache-Control", "max-age=600")
        .build());
    ORIGIN.respond("/private", OriginReply.builder().body("p")
        .header("Cache-Control", "no-store").build());
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      String body = "{\"urls\": [\"" + edge.url("/a") + "\", \"" + edge.url("/missing")
          + "\", \"" + edge.url("/private") + "\"]}";
      JsonNode first = last(followToEnd(edge, id(edge.post("/admin/prewarm", body))));
      assertThat(first.get("stored").asLong()).isEqualTo(1);
      assertThat(first.get("failed").asLong()).isEqualTo(2);
      assertThat(first.get("failures").toString()).contains("/missing", "404", "/private");

      JsonNode second = last(followToEnd(edge, id(edge.post("/admin/prewarm",
          "{\"urls\": [\"" + edge.url("/a") + "\"]}"))));
      assertThat(second.get("alreadyCached").asLong()).isEqualTo(1);
      assertThat(ORIGIN.requestCount("/a")).isEqualTo(1);
      assertThat(edge.getJson("/admin/prewarm").get("jobs")).hasSize(2);
    }
  }

  @Test
  void cancelStopsStartingFills() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> urls = new ArrayList<>();
    try (AdminNode edge = AdminNode.start(ORIGIN,
        a -> AdminNode.adminConfig(1, 0, a.purgeNetworks()))) {
      for (int i = 0; i < 50; i++) {
        String path = "/slow/" + i;
        urls.add(edge.url(path));
        ORIGIN.handle(path, request -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return OriginReply.builder().body("s").header("Cache-Control", "max-age=600").build();
        });
      }
      String id = id(edge.post("/admin/prewarm",
          "{\"urls\": " + AdminNode.JSON.writeValueAsString(urls) + "}"));
      ORIGIN.awaitRequests("/slow/0", 1, java.time.Duration.ofSeconds(10));

      HttpResponse<String> cancelled = edge.delete("/admin/prewarm/" + id);
      assertThat(cancelled.statusCode()).isEqualTo(200);
      release.countDown();
      JsonNode end = last(followToEnd(edge, id));

      assertThat(end.get("state").asText()).isEqualTo("cancelled");
      assertThat(end.get("done").asLong()).isEqualTo(1);
      assertThat(end.get("total").asLong()).isEqualTo(50);
      for (int i = 1; i < 50; i++) {
        assertThat(ORIGIN.requestCount("/slow/" + i)).isZero();
      }
    } finally {
      release.countDown();
    }
  }

  @Test
  void prewarmWithABandwidthCapStillCachesEverything() throws Exception {
    List<String> urls = new ArrayList<>();
    try (AdminNode edge = AdminNode.start(ORIGIN,
        a -> AdminNode.adminConfig(2, 256 * 1024, a.purgeNetworks()))) {
      for (int i = 0; i < 4; i++) {
        ORIGIN.respond("/capped/" + i, OriginReply.builder().body(new byte[100_000])
            .header("Cache-Control", "max-age=600").build());
        urls.add(edge.url("/capped/" + i));
      }
      JsonNode end = last(followToEnd(edge, id(edge.post("/admin/prewarm",
          "{\"urls\": " + AdminNode.JSON.writeValueAsString(urls) + "}"))));
      assertThat(end.get("stored").asLong()).isEqualTo(4);
      assertThat(end.get("bytes").asLong()).isEqualTo(400_000);
    }
  }

  @Test
  void unknownJobIs404() throws Exception {
    try (AdminNode edge = AdminNode.start(ORIGIN)) {
      HttpResponse<String> r = edge.get("/admin/prewarm/77");
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(AdminNode.JSON.readTree(r.body()).get("field").asText()).isEqualTo("id");
    }
  }

  static String id(HttpResponse<String> started) throws Exception {
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    return AdminNode.JSON.readTree(started.body()).get("id").asText();
  }

  static JsonNode last(List<JsonNode> seen) {
    return seen.get(seen.size() - 1);
  }

  /** Polls the job until it is no longer running (bounded: 60 s); every snapshot seen. */
  static List<JsonNode> followToEnd(AdminNode edge, String id) throws Exception {
    List<JsonNode> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      JsonNode p = edge.getJson("/admin/prewarm/" + id);
      seen.add(p);
      if (!p.get("state").asText().equals("running")) {
        return seen;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("prewarm " + id + " still running after 60 s: " + p);
      }
      Thread.sleep(5);
    }
  }
}
