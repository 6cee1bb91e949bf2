package org.dmmedge.mpd.player;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dmmedge.testkit.DashContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The player emulator against real content (made by ffmpeg) served by a real Jetty on
 * loopback, with real HttpClient requests: once in wall-clock time, and with a fake clock to
 * check adaptation and stalls deterministically (the origin advances that clock to emulate a
 * slow link).
 */
class PlayerIT {
  @TempDir static Path content;

  @BeforeAll
  static void makeContent() throws Exception {
    DashContent.generate(content);
  }

  private static List<SegmentDownload> media(QoeReport r) {
    return r.downloads().stream().filter(d -> d.kind().equals("media")).toList();
  }

  @Test
  void playsWholePresentationInRealTimeWithoutStalls() throws Exception {
    try (OriginServer origin = new OriginServer(content, "origin-1", false, path -> {})) {
      QoeReport r = new PlayerEmulator(PlayerConfig.builder().build(), PlaybackClock.SYSTEM)
          .play(origin.url(DashContent.MPD));

      assertThat(r.errors()).isEmpty();
      assertThat(r.stallCount()).isZero();
      assertThat(r.playedContent()).isEqualTo(Duration.ofSeconds(8));
      assertThat(media(r)).hasSize(4).allSatisfy(d -> {
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.xServedBy()).contains("origin-1");
        assertThat(d.xCache()).isEmpty();
        assertThat(d.bytes()).isPositive();
      });
      // Starts at the lowest bitrate (Representation "0", 150 kbit/s).
      assertThat(media(r).get(0).bandwidth()).isEqualTo(150_000);
      assertThat(media(r).get(0).url()).isEqualTo(origin.url("chunk-stream0-00001.m4s"));
      assertThat(r.downloads().get(0).kind()).isEqualTo("init");
      assertThat(r.downloads()).filteredOn(d -> d.kind().equals("audio"))
          .extracting(SegmentDownload::url).containsExactly(
              origin.url("chunk-stream2-00001.m4s"), origin.url("chunk-stream2-00002.m4s"),
              origin.url("chunk-stream2-00003.m4s"), origin.url("chunk-stream2-00004.m4s"));
      assertThat(r.bytes()).isEqualTo(
          r.downloads().stream().mapToLong(SegmentDownload::bytes).sum()
              + java.nio.file.Files.size(content.resolve(DashContent.MPD)));
      String json = r.toJson();
      for (SegmentDownload d : r.downloads()) {
        assertThat(json).contains("\"url\":\"" + d.url() + "\"");
      }
      assertThat(json).contains("\"stalls\":{\"count\":0,");
    }
  }

  @Test
  void playerCommandPrintsASummaryAndWritesTheJsonReport(@TempDir Path out) throws Exception {
    try (OriginServer origin = new OriginServer(content, "origin-cli", false, path -> {})) {
      java.io.StringWriter stdout = new java.io.StringWriter();
      picocli.CommandLine cmd = new picocli.CommandLine(new org.dmmedge.mpd.cli.PlayerCommand());
      cmd.setOut(new java.io.PrintWriter(stdout, true));
      Path json = out.resolve("report.json");
      int code = cmd.execute(origin.url(DashContent.MPD), "--duration", "4", "--json",
          json.toString());
      assertThat(code).isZero();
      assertThat(stdout.toString()).contains("stalls 0").contains("2 media segments");
      String report = java.nio.file.Files.readString(json);
      assertThat(report).startsWith("{\"mpdUrl\":\"" + origin.url(DashContent.MPD) + "\"")
          .contains("\"xServedBy\":\"origin-cli\"")
          .contains(origin.url("chunk-stream0-00002.m4s"))
          .doesNotContain("00003.m4s");
    }
  }

  @Test
  void requestsGoThroughTheProxyAndItsCacheHeadersAreRecorded() throws Exception {
    AtomicInteger originRequests = new AtomicInteger();
    try (OriginServer origin = new OriginServer(content, "origin", false,
            path -> originRequests.incrementAndGet());
         OriginServer edge = new OriginServer(content, "edge-mar1", true, path -> {})) {
      PlayerConfig config = PlayerConfig.builder()
          .proxy(URI.create("http://127.0.0.1:" + edge.port())).build();
      String mpd = origin.url(DashContent.MPD);

      QoeReport first = new PlayerEmulator(config, PlaybackClock.SYSTEM).play(mpd);
      // The second player shares one HttpClient with the proxy, as a load harness would.
      java.net.http.HttpClient shared = java.net.http.HttpClient.newBuilder()
          .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1",
              edge.port()))).build();
      QoeReport second = new PlayerEmulator(config, PlaybackClock.SYSTEM,
          new HttpFetcher(shared, Duration.ofSeconds(10), PlaybackClock.SYSTEM)).play(mpd);

      assertThat(originRequests).hasValue(0);
      assertThat(first.downloads()).allSatisfy(d -> {
        assertThat(d.xServedBy()).contains("edge-mar1");
        assertThat(d.xCache()).contains("MISS");
      });
      assertThat(second.downloads()).isNotEmpty().allSatisfy(d ->
          assertThat(d.xCache()).contains("HIT"));
      assertThat(second.summary()).contains("X-Cache HIT " + second.downloads().size() + "/");
    }
  }

  @Test
  void fastLinkSwitchesUpOnceTheBufferAllowsIt() throws Exception {
    FakePlaybackClock clock = new FakePlaybackClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (OriginServer origin = new OriginServer(content, "origin", false,
        path -> clock.advance(Duration.ofMillis(10)))) {
      PlayerConfig config = PlayerConfig.builder().bufferTarget(Duration.ofSeconds(3)).build();
      QoeReport r = new PlayerEmulator(config, clock).play(origin.url(DashContent.MPD));

      // Segment 1 at 150 kbit/s (no measurement yet), segment 2 too (2 s buffered, below the
      // 3 s needed to switch up: twice the start threshold, capped at the target), then up.
      assertThat(media(r)).extracting(SegmentDownload::bandwidth)
          .containsExactly(150_000L, 150_000L, 400_000L, 400_000L);
      assertThat(r.bitrateSwitches()).isEqualTo(1);
      assertThat(r.stallCount()).isZero();
      // Playback needs 2 s of both tracks: MPD, video init and segment 1, audio init and
      // segment 1 (and 2 when, as with ffmpeg's AAC priming, the first is under 2 s).
      assertThat(r.startupDelay()).isBetween(Duration.ofMillis(50), Duration.ofMillis(60));
      // The 3 s target made the player wait while playback drained the buffer.
      assertThat(media(r)).allSatisfy(d ->
          assertThat(d.bufferAfter()).isLessThanOrEqualTo(Duration.ofSeconds(5)));
      assertThat(clock.nanoTime()).isGreaterThan(Duration.ofSeconds(2).toNanos());
    }
  }

  @Test
  void slowHighBitrateStallsAndTheAbrFallsBack() throws Exception {
    FakePlaybackClock clock = new FakePlaybackClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (OriginServer origin = new OriginServer(content, "origin", false, path ->
        clock.advance(path.contains("chunk-stream1") ? Duration.ofSeconds(7)
            : Duration.ofMillis(100)))) {
      // Start threshold 1 s: up-switches are allowed from 2 s of buffer, i.e. right after
      // the first (fast, low) segment.
      PlayerConfig config = PlayerConfig.builder().startThreshold(Duration.ofSeconds(1)).build();
      QoeReport r = new PlayerEmulator(config, clock).play(origin.url(DashContent.MPD));

      List<Long> rates = media(r).stream().map(SegmentDownload::bandwidth).toList();
      int high = rates.indexOf(400_000L);
      assertThat(high).isPositive();
      assertThat(r.stallCount()).isPositive();
      assertThat(r.stallTime()).isPositive();
      // 7 s for a 2 s segment: the estimate collapses and the next segment is low again.
      assertThat(high).isLessThan(rates.size() - 1);
      assertThat(rates.get(high + 1)).isEqualTo(150_000L);
      assertThat(r.bitrateSwitches()).isGreaterThanOrEqualTo(2);
      assertThat(r.toJson()).contains("\"stalls\":{\"count\":" + r.stallCount() + ",");
    }
  }
}
