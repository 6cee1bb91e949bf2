package org.dmmedge.mpd.player;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Playing across Periods on a real Jetty origin (fake time). */
class PlayerPeriodsIT {
  @TempDir Path root;

  @Test
  void playsEveryPeriodInOrderAndAPeriodChangeIsNotASwitch() throws Exception {
    Files.writeString(root.resolve("m.mpd"), """
        <MPD type="static" mediaPresentationDuration="PT8S">
          <Period id="one" duration="PT4S"><AdaptationSet contentType="video">
            <SegmentTemplate media="p1-$RepresentationID$-$Number$.m4s" duration="2"
                             initialization="p1-$RepresentationID$-init.mp4"/>
            <Representation id="lo" bandwidth="100000"/>
          </AdaptationSet></Period>
          <Period id="two"><AdaptationSet contentType="video">
            <SegmentTemplate media="p2-$RepresentationID$-$Number$.m4s" duration="2"
                             initialization="p2-$RepresentationID$-init.mp4"/>
            <Representation id="lo" bandwidth="100000"/>
          </AdaptationSet>
          <AdaptationSet contentType="audio">
            <SegmentTemplate media="audio-$Number$.m4s" duration="2"/>
            <Representation id="a" bandwidth="64000"/>
          </AdaptationSet></Period>
        </MPD>""");
    for (String name : new String[] {"p1-lo-init.mp4", "p1-lo-1.m4s", "p1-lo-2.m4s",
        "p2-lo-init.mp4", "p2-lo-1.m4s", "p2-lo-2.m4s", "audio-1.m4s", "audio-2.m4s"}) {
      Files.write(root.resolve(name), new byte[2_000]);
    }
    FakePlaybackClock clock = new FakePlaybackClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (OriginServer origin = new OriginServer(root, "o", false,
        path -> clock.advance(Duration.ofMillis(40)))) {
      QoeReport r = new PlayerEmulator(PlayerConfig.builder().build(), clock)
          .play(origin.url("m.mpd"));

      // Period two has audio: fetched after each video segment (the track with less buffered
      // goes next), never ahead of the video.
      assertThat(r.downloads()).extracting(SegmentDownload::url).containsExactly(
          origin.url("p1-lo-init.mp4"), origin.url("p1-lo-1.m4s"), origin.url("p1-lo-2.m4s"),
          origin.url("p2-lo-init.mp4"), origin.url("p2-lo-1.m4s"), origin.url("audio-1.m4s"),
          origin.url("p2-lo-2.m4s"), origin.url("audio-2.m4s"));
      assertThat(r.downloads()).extracting(SegmentDownload::kind).containsExactly(
          "init", "media", "media", "init", "media", "audio", "media", "audio");
      assertThat(r.bitrateSwitches()).isZero();

      QoeReport videoOnly = new PlayerEmulator(PlayerConfig.builder().audio(false).build(),
          clock).play(origin.url("m.mpd"));
      assertThat(videoOnly.downloads()).extracting(SegmentDownload::kind)
          .containsExactly("init", "media", "media", "init", "media", "media");
      assertThat(r.errors()).isEmpty();
      assertThat(r.playedContent()).isEqualTo(Duration.ofSeconds(8));
    }
  }
}
