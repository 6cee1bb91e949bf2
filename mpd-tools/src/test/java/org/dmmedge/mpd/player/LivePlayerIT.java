package org.dmmedge.mpd.player;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The player on a live MPD (S@r=-1 up to the live edge) served by a real Jetty, in fake time:
 * it starts at the live window's playback point and waits for each next segment to become
 * available, re-fetching the MPD meanwhile.
 */
class LivePlayerIT {
  @TempDir Path root;

  @Test
  void followsTheLiveEdgeFromThePlaybackPoint() throws Exception {
    try (InputStream in = LivePlayerIT.class.getResourceAsStream(
        "/fixtures/timeline-r-minus-1-live.mpd")) {
      Files.copy(in, root.resolve("live.mpd"));
    }
    Files.write(root.resolve("init.mp4"), new byte[100]);
    for (int n = 1; n <= 60; n++) {
      Files.write(root.resolve(String.format("seg-%04d.m4s", n)), new byte[5_000]);
    }
    // 61 s after availabilityStartTime; suggestedPresentationDelay 6 s: play from 55 s.
    FakePlaybackClock clock = new FakePlaybackClock(Instant.parse("2026-01-01T00:01:01Z"));
    try (OriginServer origin = new OriginServer(root, "live-origin", false,
        path -> clock.advance(Duration.ofMillis(20)))) {
      PlayerConfig config = PlayerConfig.builder().maxContent(Duration.ofSeconds(10)).build();
      QoeReport r = new PlayerEmulator(config, clock).play(origin.url("live.mpd"));

      List<Long> numbers = r.downloads().stream().filter(d -> d.kind().equals("media"))
          .map(SegmentDownload::number).toList();
      // Segment 28 covers 54-56 s; 29 and later become available every 2 s.
      assertThat(numbers).containsExactly(28L, 29L, 30L, 31L, 32L);
      assertThat(r.errors()).isEmpty();
      assertThat(r.stallCount()).isZero();
      assertThat(r.playedContent()).isEqualTo(Duration.ofSeconds(10));
      assertThat(clock.instant()).isAfter(Instant.parse("2026-01-01T00:01:04Z"));
    }
  }
}
