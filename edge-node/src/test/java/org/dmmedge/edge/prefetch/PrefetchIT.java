package org.dmmedge.edge.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.dmmedge.edge.EdgeServerExtension;
import org.dmmedge.edge.Http;
import org.dmmedge.edge.config.PrefetchConfig;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prefetch and CMCD through a real edge (reverse proxy) and a real Jetty origin. Origin request
 * counts prove what was fetched; waits are bounded conditions (the origin saw the prefetch, the
 * node's DASH worker and prefetch queue are idle), never timings.
 */
class PrefetchIT {
  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  @Order(2)
  @RegisterExtension static final EdgeServerExtension EDGE = EdgeServerExtension.reverseTo(ORIGIN,
      c -> c.withPrefetch(PrefetchConfig.builder().segments(2).build()));
  @Order(3)
  @RegisterExtension static final EdgeServerExtension NEIGHBOURS = EdgeServerExtension.reverseTo(
      ORIGIN, c -> c.withPrefetch(PrefetchConfig.builder().segments(1).neighbours(true)
          .cmcdForward(true).build()));
  @Order(4)
  @RegisterExtension static final EdgeServerExtension OFF = EdgeServerExtension.reverseTo(ORIGIN,
      c -> c.withPrefetch(PrefetchConfig.disabled()));

  @Order(5)
  @RegisterExtension static final EdgeServerExtension BOUNDED = EdgeServerExtension.reverseTo(
      ORIGIN, c -> c.withPrefetch(PrefetchConfig.builder().segments(3).concurrency(1)
          .queueSize(1).build()));

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Scripts an MPD at {@code dir}/m.mpd (two Representations, 10 segments) and its segments. */
  private static void content(String dir) {
    ORIGIN.respond(dir + "/m.mpd", OriginReply.builder()
        .header("Content-Type", "application/dash+xml").header("Cache-Control", "max-age=60")
        .body(ManifestTrackerTest.vod("seg-$RepresentationID$-$Number$.m4s")).build());
    for (String rep : new String[] {"low", "high"}) {
      for (int n = 1; n <= 10; n++) {
        ORIGIN.respond(dir + "/seg-" + rep + "-" + n + ".m4s", OriginReply.builder()
            .header("Content-Type", "video/mp4").header("Cache-Control", "max-age=3600")
            .body(rep + " segment " + n).build());
      }
    }
  }

  private static HttpResponse<byte[]> get(EdgeServerExtension edge, String path,
      String... headers) throws Exception {
    HttpResponse<byte[]> r = Http.get(edge.uri(path), headers);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r;
  }

  /** Fetches the MPD through {@code edge} and waits until the node has parsed it. */
  private static void playManifest(EdgeServerExtension edge, String dir) throws Exception {
    long before = dash(edge).tracker().parsed();
    get(edge, dir + "/m.mpd");
    await(() -> dash(edge).tracker().parsed() > before, "MPD parsed");
  }

  private static DashAwareness dash(EdgeServerExtension edge) {
    return edge.node().dash();
  }

  /** Waits (bounded) until the node's DASH work and prefetches and its cache fills are done. */
  static void settle(EdgeServerExtension edge) throws InterruptedException {
    await(() -> dash(edge).idle(), "DASH work and prefetches done");
    edge.settle();
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      Thread.sleep(5);
    }
  }

  private static String xCache(HttpResponse<?> r) {
    return r.headers().firstValue("X-Cache").orElse("");
  }

  @Test
  void theNextSegmentsOfTheRepresentationAreFetchedAndThenServedAsHits() throws Exception {
    content("/p1");
    playManifest(EDGE, "/p1");
    PrefetchStats before = dash(EDGE).scheduler().stats();

    assertThat(xCache(get(EDGE, "/p1/seg-low-1.m4s"))).isEqualTo("MISS");
    ORIGIN.awaitRequests("/p1/seg-low-2.m4s", 1, WAIT);
    ORIGIN.awaitRequests("/p1/seg-low-3.m4s", 1, WAIT);
    settle(EDGE);

    HttpResponse<byte[]> second = get(EDGE, "/p1/seg-low-2.m4s");
    assertThat(xCache(second)).isEqualTo("HIT");
    assertThat(new String(second.body())).isEqualTo("low segment 2");
    assertThat(xCache(get(EDGE, "/p1/seg-low-3.m4s"))).isEqualTo("HIT");
    settle(EDGE);

    // Each segment left the origin once; segment 4 was prefetched after segment 2 was served.
    for (int n = 1; n <= 4; n++) {
      assertThat(ORIGIN.requestCount("/p1/seg-low-" + n + ".m4s")).as("segment " + n)
          .isEqualTo(1);
    }
    assertThat(ORIGIN.requestCount("/p1/seg-low-5.m4s")).isEqualTo(1); // after segment 3
    assertThat(ORIGIN.requestCount("/p1/seg-low-6.m4s")).isZero();
    assertThat(ORIGIN.requestCount("/p1/seg-high-2.m4s")).isZero(); // neighbours are off
    PrefetchStats after = dash(EDGE).scheduler().stats();
    assertThat(after.prefetched() - before.prefetched()).isEqualTo(4);
    assertThat(after.hits() - before.hits()).isEqualTo(2);
    assertThat(after.late() - before.late()).isZero();
    assertThat(dash(EDGE).tracker().playback(java.net.InetAddress.getLoopbackAddress()))
        .hasValueSatisfying(p -> {
          assertThat(p.mpdUrl()).isEqualTo(EDGE.uri("/p1/m.mpd").toString());
          assertThat(p.representationId()).isEqualTo("low");
          assertThat(p.lastSegmentNumber()).isEqualTo(3);
        });
  }

  @Test
  void aCmcdNextObjectHintIsPrefetchedInsteadOfThePrediction() throws Exception {
    content("/p2");
    playManifest(EDGE, "/p2");
    String cmcd = "CMCD=" + java.net.URLEncoder.encode(
        "bl=2100,mtp=25400,nor=\"seg-high-7.m4s\",sid=\"6e2fb550\"",
        java.nio.charset.StandardCharsets.UTF_8);

    get(EDGE, "/p2/seg-low-4.m4s?" + cmcd);
    ORIGIN.awaitRequests("/p2/seg-high-7.m4s", 1, WAIT);
    settle(EDGE);

    assertThat(ORIGIN.requestCount("/p2/seg-low-5.m4s")).isZero();
    assertThat(ORIGIN.requestCount("/p2/seg-low-6.m4s")).isZero();
    assertThat(ORIGIN.requests("/p2/seg-low-4.m4s")).singleElement()
        .satisfies(r -> assertThat(r.query()).isEmpty());
    assertThat(xCache(get(EDGE, "/p2/seg-high-7.m4s"))).isEqualTo("HIT");
    CmcdStats stats = dash(EDGE).cmcdStats();
    assertThat(stats.hints()).isPositive();
    assertThat(stats.bufferMillisSum()).isGreaterThanOrEqualTo(2100);
    assertThat(stats.sessions()).isPositive();
  }

  @Test
  void theCmcdQueryParameterIsNeitherPartOfTheKeyNorForwarded() throws Exception {
    ORIGIN.respond("/p3/clip.mp4", OriginReply.builder().header("Cache-Control", "max-age=60")
        .body("clip").build());
    long before = dash(EDGE).cmcdStats().requests();

    HttpResponse<byte[]> first = get(EDGE, "/p3/clip.mp4?v=2&CMCD=bl%3D1000%2Csid%3D%22a%22");
    settle(EDGE);
    HttpResponse<byte[]> second = get(EDGE, "/p3/clip.mp4?v=2&CMCD=bl%3D3000%2Csid%3D%22a%22",
        "CMCD-Request", "bl=3000");
    HttpResponse<byte[]> third = get(EDGE, "/p3/clip.mp4?v=2", "CMCD-Session", "sid=\"a\"");

    assertThat(xCache(first)).isEqualTo("MISS");
    assertThat(xCache(second)).isEqualTo("HIT");
    assertThat(xCache(third)).isEqualTo("HIT");
    assertThat(ORIGIN.requests("/p3/clip.mp4")).singleElement().satisfies(r -> {
      assertThat(r.query()).isEqualTo("v=2");
      assertThat(r.header("CMCD-Request")).isEmpty();
    });
    assertThat(dash(EDGE).cmcdStats().requests() - before).isEqualTo(3);
  }

  @Test
  void aBadCmcdPayloadIsCountedAndTheRequestServed() throws Exception {
    ORIGIN.respond("/p4/x", OriginReply.builder().header("Cache-Control", "max-age=60")
        .body("x").build());
    long before = dash(EDGE).cmcdStats().invalid();

    HttpResponse<byte[]> r = get(EDGE, "/p4/x?CMCD=bl%3D%22not-a-number%22");

    assertThat(new String(r.body())).isEqualTo("x");
    assertThat(dash(EDGE).cmcdStats().invalid() - before).isEqualTo(1);
    assertThat(ORIGIN.requests("/p4/x")).singleElement()
        .satisfies(req -> assertThat(req.query()).isEmpty());
  }

  @Test
  void neighboursAddTheNextSegmentOfTheOtherBitratesAndForwardingKeepsCmcd() throws Exception {
    content("/p5");
    playManifest(NEIGHBOURS, "/p5");

    get(NEIGHBOURS, "/p5/seg-low-2.m4s?CMCD=bl%3D500%2Cbs", "CMCD-Status", "bs");
    ORIGIN.awaitRequests("/p5/seg-low-3.m4s", 1, WAIT);
    ORIGIN.awaitRequests("/p5/seg-high-3.m4s", 1, WAIT);
    settle(NEIGHBOURS);

    assertThat(ORIGIN.requestCount("/p5/seg-low-4.m4s")).isZero(); // one segment ahead
    assertThat(ORIGIN.requestCount("/p5/seg-high-2.m4s")).isZero();
    assertThat(ORIGIN.requests("/p5/seg-low-2.m4s")).singleElement().satisfies(r -> {
      assertThat(r.query()).isEqualTo("CMCD=bl%3D500%2Cbs");
      assertThat(r.header("CMCD-Status")).contains("bs");
    });
    assertThat(dash(NEIGHBOURS).cmcdStats().starvations()).isEqualTo(1);
    // Forwarded or not, CMCD is not part of the key.
    assertThat(xCache(get(NEIGHBOURS, "/p5/seg-low-2.m4s?CMCD=bl%3D900"))).isEqualTo("HIT");
  }

  @Test
  void disabledPrefetchFetchesNothingAhead() throws Exception {
    content("/p6");
    get(OFF, "/p6/m.mpd");
    get(OFF, "/p6/seg-low-1.m4s");
    get(OFF, "/p6/seg-low-2.m4s?CMCD=nor%3D%22seg-low-9.m4s%22");
    settle(OFF);

    assertThat(dash(OFF).tracker().size()).isZero();
    assertThat(dash(OFF).scheduler().stats().requested()).isZero();
    assertThat(ORIGIN.allRequests()).filteredOn(r -> r.path().startsWith("/p6/"))
        .extracting(r -> r.path()).containsExactly(
        "/p6/m.mpd", "/p6/seg-low-1.m4s", "/p6/seg-low-2.m4s");
    assertThat(ORIGIN.requests("/p6/seg-low-2.m4s").get(0).query()).isEmpty();
  }

  @Test
  void prefetchesBeyondTheConcurrencyWaitAndBeyondTheQueueAreDropped() throws Exception {
    content("/p7");
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    ORIGIN.respond("/p7/seg-low-2.m4s", OriginReply.builder()
        .header("Cache-Control", "max-age=3600").body("low segment 2").pauseAt(4, gate).build());
    playManifest(BOUNDED, "/p7");

    get(BOUNDED, "/p7/seg-low-1.m4s");
    ORIGIN.awaitRequests("/p7/seg-low-2.m4s", 1, WAIT);
    await(() -> dash(BOUNDED).scheduler().stats().requested() == 3, "prediction submitted");
    PrefetchStats held = dash(BOUNDED).scheduler().stats();
    gate.countDown();
    ORIGIN.awaitRequests("/p7/seg-low-3.m4s", 1, WAIT);
    settle(BOUNDED);

    // Segment 2 in flight (concurrency 1), segment 3 queued (queue of 1), segment 4 dropped.
    assertThat(held.inFlight()).isEqualTo(1);
    assertThat(held.queued()).isEqualTo(1);
    assertThat(held.dropped()).isEqualTo(1);
    assertThat(ORIGIN.requestCount("/p7/seg-low-4.m4s")).isZero();
    assertThat(dash(BOUNDED).scheduler().stats().prefetched()).isEqualTo(2);
  }
}
