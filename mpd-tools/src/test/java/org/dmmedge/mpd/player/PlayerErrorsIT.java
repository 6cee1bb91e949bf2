package org.dmmedge.mpd.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures the player meets on a real origin: a missing segment, a missing or broken MPD. */
class PlayerErrorsIT {
  @TempDir Path root;

  @Test
  void missingSegmentIsRecordedAndPlaybackGoesOn() throws Exception {
    Files.writeString(root.resolve("m.mpd"), """
        <MPD type="static" mediaPresentationDuration="PT6S">
          <Period><AdaptationSet contentType="video">
            <SegmentTemplate media="s$Number$.m4s" duration="2" startNumber="1"/>
            <Representation id="v" bandwidth="100000"/>
          </AdaptationSet></Period>
        </MPD>""");
    Files.write(root.resolve("s1.m4s"), new byte[1000]);
    Files.write(root.resolve("s3.m4s"), new byte[1000]);
    FakePlaybackClock clock = new FakePlaybackClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (OriginServer origin = new OriginServer(root, "o", false,
        path -> clock.advance(Duration.ofMillis(50)))) {
      QoeReport r = new PlayerEmulator(PlayerConfig.builder().build(), clock)
          .play(origin.url("m.mpd"));
      assertThat(r.downloads()).extracting(SegmentDownload::status).containsExactly(200, 404, 200);
      assertThat(r.errors()).containsExactly(
          origin.url("s2.m4s") + ": HTTP status 404 (expected: 2xx)");
      assertThat(r.playedContent()).isEqualTo(Duration.ofSeconds(4));
    }
  }

  @Test
  void missingOrInvalidMpdFailsWithTheUrlAndTheReason() throws Exception {
    Files.writeString(root.resolve("bad.mpd"), "<MPD type=\"sometimes\"/>");
    try (OriginServer origin = new OriginServer(root, "o", false, path -> {})) {
      PlayerEmulator player = new PlayerEmulator(PlayerConfig.builder().build(),
          PlaybackClock.SYSTEM);
      assertThatThrownBy(() -> player.play(origin.url("none.mpd")))
          .isInstanceOf(PlayerException.class)
          .hasMessageContaining("HTTP status 404 (expected: 2xx)");
      assertThatThrownBy(() -> player.play(origin.url("bad.mpd")))
          .isInstanceOf(PlayerException.class)
          .hasMessageContaining("line 1: MPD@type: sometimes (expected: static or dynamic)");
    }
  }
}
