package org.dmmedge.edge.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.dmmedge.edge.config.PrefetchConfig;
import org.dmmedge.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class ManifestTrackerTest {
  private final MutableClock clock = MutableClock.startingNow();

  /** A static MPD: two video Representations, 2 s segments, $Number$ templates, 10 segments. */
  static byte[] vod(String media) {
    return ("""
        <?xml version="1.0"?>
        <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" minBufferTime="PT2S"
             mediaPresentationDuration="PT20S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
          <Period id="p0">
            <AdaptationSet mimeType="video/mp4">
              <SegmentTemplate media="%s" initialization="init-$RepresentationID$.mp4"
                               duration="2" startNumber="1"/>
              <Representation id="low" bandwidth="150000"/>
              <Representation id="high" bandwidth="400000"/>
            </AdaptationSet>
          </Period>
        </MPD>
        """).formatted(media).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] live(String minimumUpdatePeriod) {
    return ("""
        <?xml version="1.0"?>
        <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" minBufferTime="PT2S"
             availabilityStartTime="2020-01-01T00:00:00Z" minimumUpdatePeriod="%s">
          <Period id="p0" start="PT0S">
            <AdaptationSet mimeType="video/mp4">
              <SegmentTemplate media="live-$Number$.m4s" duration="2" startNumber="1"/>
              <Representation id="v" bandwidth="150000"/>
            </AdaptationSet>
          </Period>
        </MPD>
        """).formatted(minimumUpdatePeriod).getBytes(StandardCharsets.UTF_8);
  }

  private ManifestTracker tracker(int manifests) {
    return new ManifestTracker(PrefetchConfig.builder().manifests(manifests).build(), clock);
  }

  @Test
  void matchesASegmentToItsManifestRepresentationAndNumber() {
    ManifestTracker t = tracker(4);
    assertThat(t.wants("http://cdn/a/m.mpd")).isTrue();
    assertThat(t.remember("http://cdn/a/m.mpd", vod("seg-$RepresentationID$-$Number$.m4s")))
        .isTrue();
    assertThat(t.wants("http://cdn/a/m.mpd")).isFalse(); // static: read once

    var at = t.locate("http://cdn/a/seg-high-3.m4s", Optional.empty()).orElseThrow();
    assertThat(at.manifest().url()).isEqualTo("http://cdn/a/m.mpd");
    assertThat(at.position().context().representation().id()).isEqualTo("high");
    assertThat(at.position().segment().number()).isEqualTo(3);
    assertThat(t.locate("http://cdn/b/seg-high-3.m4s", Optional.empty())).isEmpty();
    assertThat(t.locate("http://cdn/a/seg-high-11.m4s", Optional.empty())).isEmpty();
  }

  @Test
  void forgetsTheLeastRecentlyUsedManifestBeyondItsCount() {
    ManifestTracker t = tracker(2);
    t.remember("http://cdn/1/m.mpd", vod("s-$Number$.m4s"));
    t.remember("http://cdn/2/m.mpd", vod("s-$Number$.m4s"));
    assertThat(t.locate("http://cdn/1/s-1.m4s", Optional.empty())).isPresent(); // 1 used last
    t.remember("http://cdn/3/m.mpd", vod("s-$Number$.m4s"));

    assertThat(t.size()).isEqualTo(2);
    assertThat(t.wants("http://cdn/2/m.mpd")).isTrue();
    assertThat(t.wants("http://cdn/1/m.mpd")).isFalse();
    assertThat(t.bytes()).isEqualTo(2L * vod("s-$Number$.m4s").length);
  }

  @Test
  void aDynamicManifestIsWantedAgainAfterItsMinimumUpdatePeriod() {
    ManifestTracker t = tracker(4);
    t.remember("http://cdn/live.mpd", live("PT10S"));
    assertThat(t.wants("http://cdn/live.mpd")).isFalse();
    clock.advance(Duration.ofSeconds(9));
    assertThat(t.wants("http://cdn/live.mpd")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(t.wants("http://cdn/live.mpd")).isTrue();
  }

  @Test
  void aDocumentThatDoesNotParseIsCountedAndAnOlderVersionKept() {
    ManifestTracker t = tracker(4);
    t.remember("http://cdn/m.mpd", vod("s-$Number$.m4s"));
    assertThat(t.remember("http://cdn/m.mpd", "<MPD><Period".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(t.remember("http://cdn/x.mpd",
        "<!DOCTYPE MPD [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><MPD/>".getBytes(
            StandardCharsets.UTF_8))).isFalse();
    assertThat(t.invalid()).isEqualTo(2);
    assertThat(t.parsed()).isEqualTo(1);
    assertThat(t.locate("http://cdn/s-2.m4s", Optional.empty())).isPresent();
  }

  @Test
  void keepsEachClientsPlaybackContext() throws Exception {
    ManifestTracker t = tracker(4);
    t.remember("http://cdn/m.mpd", vod("s-$RepresentationID$-$Number$.m4s"));
    InetAddress mn = InetAddress.getByName("2001:db8::7");
    assertThat(t.playback(mn)).isEmpty();

    t.played(mn, t.locate("http://cdn/s-low-4.m4s", Optional.empty()).orElseThrow());

    PlaybackContext ctx = t.playback(mn).orElseThrow();
    assertThat(ctx.mpdUrl()).isEqualTo("http://cdn/m.mpd");
    assertThat(ctx.representationId()).isEqualTo("low");
    assertThat(ctx.bandwidth()).isEqualTo(150_000);
    assertThat(ctx.lastSegmentUrl()).isEqualTo("http://cdn/s-low-4.m4s");
    assertThat(ctx.lastSegmentNumber()).isEqualTo(4);
    assertThat(ctx.servedAt()).isEqualTo(clock.instant());
    assertThat(t.playback(InetAddress.getByName("2001:db8::8"))).isEmpty();
  }
}
