package org.dmmedge.edge.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dmmedge.edge.EdgeServerExtension;
import org.dmmedge.edge.config.PrefetchConfig;
import org.dmmedge.mpd.player.PlaybackClock;
import org.dmmedge.mpd.player.PlayerConfig;
import org.dmmedge.mpd.player.PlayerEmulator;
import org.dmmedge.mpd.player.QoeReport;
import org.dmmedge.mpd.player.SegmentDownload;
import org.dmmedge.testkit.DashContent;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real content through the edge (issue 4, "Real content"): ffmpeg makes 8 s of two-bitrate
 * video plus audio ({@link DashContent}; skipped with the reason when ffmpeg is absent), a
 * Jetty origin serves it, and mpd-tools' player emulator plays it through an edge node used as
 * its HTTP proxy.
 */
class DashPlaybackIT {
  @TempDir static Path content;

  @Order(1)
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  @Order(2)
  @RegisterExtension static final EdgeServerExtension PLAIN = EdgeServerExtension.forward(
      c -> c.withPrefetch(PrefetchConfig.disabled()));
  @Order(3)
  @RegisterExtension static final EdgeServerExtension PREFETCH = EdgeServerExtension.forward(
      c -> c.withPrefetch(PrefetchConfig.builder().segments(2).neighbours(true).build()));

  @BeforeAll
  static void makeContent() throws Exception {
    DashContent.generate(content);
  }

  /** The origin serves every generated file (scripts are cleared before each test). */
  @BeforeEach
  void serveContent() throws IOException {
    try (Stream<Path> files = Files.list(content)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        String type = name.endsWith(".mpd") ? "application/dash+xml"
            : name.contains("stream2") ? "audio/mp4" : "video/mp4";
        ORIGIN.respond("/" + name, OriginReply.builder().header("Content-Type", type)
            .header("Cache-Control", "max-age=3600").body(Files.readAllBytes(f)).build());
      }
    }
  }

  private static PlayerConfig through(EdgeServerExtension edge, Duration bufferTarget) {
    return PlayerConfig.builder().proxy(URI.create("http://127.0.0.1:" + edge.port()))
        .bufferTarget(bufferTarget).build();
  }

  private static List<SegmentDownload> mediaAfterTheFirstTwo(QoeReport r) {
    return r.downloads().stream().filter(d -> !d.kind().equals("init") && d.number() > 2)
        .toList();
  }

  private static long hits(List<SegmentDownload> downloads) {
    return downloads.stream().filter(d -> d.xCache().orElse("").equals("HIT")).count();
  }

  @Test
  void playsWithoutStallsAndASecondPlayerIsServedOnlyHits() throws Exception {
    String mpd = ORIGIN.url("/" + DashContent.MPD);
    PlayerConfig config = through(PLAIN, PlayerConfig.DEFAULT_BUFFER_TARGET);

    QoeReport first = new PlayerEmulator(config, PlaybackClock.SYSTEM).play(mpd);
    PLAIN.settle();
    QoeReport second = new PlayerEmulator(config, PlaybackClock.SYSTEM).play(mpd);

    assertThat(first.errors()).isEmpty();
    assertThat(first.stallCount()).isZero();
    assertThat(first.playedContent()).isEqualTo(Duration.ofSeconds(8));
    assertThat(first.downloads()).isNotEmpty().allSatisfy(d -> {
      assertThat(d.status()).isEqualTo(200);
      assertThat(d.xServedBy()).contains(EdgeServerExtension.NAME);
      assertThat(d.xCache()).contains("MISS");
    });
    assertThat(second.errors()).isEmpty();
    assertThat(second.stallCount()).isZero();
    assertThat(second.downloads()).hasSameSizeAs(first.downloads())
        .allSatisfy(d -> assertThat(d.xCache()).as(d.url()).contains("HIT"));
    // Every object left the origin once, for the first player.
    for (SegmentDownload d : first.downloads()) {
      assertThat(ORIGIN.requestCount(URI.create(d.url()).getPath())).as(d.url()).isEqualTo(1);
    }
    assertThat(ORIGIN.requestCount("/" + DashContent.MPD)).isEqualTo(1);
    System.out.printf("DASH without prefetch: first player, media segments served as HIT: "
        + "%d of %d; second player: %d of %d%n", hits(media(first)), media(first).size(),
        hits(media(second)), media(second).size());
  }

  private static List<SegmentDownload> media(QoeReport r) {
    return r.downloads().stream().filter(d -> !d.kind().equals("init")).toList();
  }

  @Test
  void withPrefetchTheFirstPlayersSegmentsAfterTheFirstTwoAreHits() throws Exception {
    String mpd = ORIGIN.url("/" + DashContent.MPD);
    // The node parses an MPD off the event loop; the player would race that parse with its
    // first two segment requests (which may miss anyway), so the MPD is fetched once first.
    HttpClient viaEdge = HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", PREFETCH.port()))).build();
    HttpResponse<String> manifest = viaEdge.send(HttpRequest.newBuilder(URI.create(mpd)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(manifest.statusCode()).isEqualTo(200);
    PrefetchIT.settle(PREFETCH);
    assertThat(PREFETCH.node().dash().tracker().size()).isEqualTo(1);

    // Player time moves only when the player waits for its buffer to drain, and each wait
    // first lets the edge finish what the last answers started (bounded): so "the prefetch
    // was done before the next request" holds by construction, not by timing.
    QoeReport r = new PlayerEmulator(through(PREFETCH, Duration.ofSeconds(2)),
        new SettlingClock()).play(mpd);

    assertThat(r.errors()).isEmpty();
    assertThat(r.stallCount()).isZero();
    assertThat(r.playedContent()).isEqualTo(Duration.ofSeconds(8));
    List<SegmentDownload> later = mediaAfterTheFirstTwo(r);
    assertThat(later).hasSizeGreaterThanOrEqualTo(4) // video and audio segments 3 and 4
        .allSatisfy(d -> assertThat(d.xCache()).as(d.url()).contains("HIT"));
    PrefetchStats stats = PREFETCH.node().dash().scheduler().stats();
    assertThat(stats.hits()).isGreaterThanOrEqualTo(later.size());
    assertThat(stats.failed()).isZero();
    System.out.printf("DASH prefetch: first player, media segments served as HIT: %d of %d "
        + "(after the first two of each track: %d of %d); prefetched %d, hits %d, late %d%n",
        hits(media(r)), media(r).size(), hits(later), later.size(), stats.prefetched(),
        stats.hits(), stats.late());
  }

  /** Player time: downloads take no time; a wait lets the edge settle, then moves time on. */
  private static final class SettlingClock implements PlaybackClock {
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long nanoTime() {
      return nanos.get();
    }

    @Override
    public Instant instant() {
      return start.plusNanos(nanos.get());
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      PrefetchIT.settle(PREFETCH);
      nanos.addAndGet(d.toNanos());
    }
  }
}
