package org.dmmedge.mpd.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dmmedge.mpd.Fixtures;
import org.dmmedge.mpd.model.LiveWindow;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.model.Period;
import org.dmmedge.mpd.model.SegmentTemplate;
import org.dmmedge.mpd.model.XLink;
import org.junit.jupiter.api.Test;

/** {@code S@r=-1}, xlink and inheritance, from hand-written fixtures. */
class FixtureEnumerationTest {
  private static final SegmentEnumerator ENUMERATOR = new SegmentEnumerator();

  @Test
  void repeatUntilNextSAndUntilPeriodEndInAStaticMpd() {
    Mpd mpd = Fixtures.load("timeline-r-minus-1-static.mpd", "https://x.example/m.mpd");
    String b = "https://media.example/show/v1/";
    // 0..10 s in 2 s steps up to the next S@t (10 s), then 3 s steps while they start
    // before the Period end (21 s).
    assertThat(Fixtures.lines(ENUMERATOR.enumerate(Fixtures.rep(mpd, 0, "v1"), Optional.empty())))
        .containsExactly(b + "init.mp4", b + "0.m4s", b + "2000.m4s", b + "4000.m4s",
            b + "6000.m4s", b + "8000.m4s", b + "10000.m4s", b + "13000.m4s", b + "16000.m4s",
            b + "19000.m4s");
  }

  @Test
  void repeatUntilTheLiveEdgeWithinTheTimeShiftWindow() {
    Mpd mpd = Fixtures.load("timeline-r-minus-1-live.mpd", "https://live.example/ch1/m.mpd");
    Instant at = Instant.parse("2026-01-01T00:01:01Z");
    // 61 s after the start 30 segments of 2 s have ended; those ending by 51 s (25) have
    // left the 10 s window.
    SegmentSequence s = ENUMERATOR.enumerate(Fixtures.rep(mpd, 0, "mid"), Optional.of(at));
    String b = "https://live.example/ch1/";
    assertThat(Fixtures.lines(s)).containsExactly(b + "init.mp4", b + "seg-0026.m4s", b + "seg-0027.m4s",
        b + "seg-0028.m4s", b + "seg-0029.m4s", b + "seg-0030.m4s");
    assertThat(s.get(0).time()).isEqualTo(25 * 180_000L);
    assertThat(s.get(0).start()).isEqualTo(Duration.ofSeconds(50));
    // Two seconds later the window has moved by one segment.
    SegmentSequence later =
        ENUMERATOR.enumerate(Fixtures.rep(mpd, 0, "mid"), Optional.of(at.plusSeconds(2)));
    assertThat(later.get(0).number()).isEqualTo(27);
    assertThat(later.get(later.size() - 1).number()).isEqualTo(31);

    assertThat(mpd.liveWindow(at)).isEqualTo(new LiveWindow(Instant.parse(
        "2026-01-01T00:00:51Z"), at, Instant.parse("2026-01-01T00:00:55Z")));
    assertThat(mpd.minimumUpdatePeriod()).contains(Duration.ofSeconds(2));
    assertThat(mpd.publishTime()).contains(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void availabilityTimeOffsetsOfBaseUrlsAndSegmentElementsAddUp() {
    String mpd = """
        <MPD type="dynamic" availabilityStartTime="2026-01-01T00:00:00Z">
          <BaseURL availabilityTimeOffset="1.5">https://ll.example/</BaseURL>
          <Period start="PT0S"><AdaptationSet>
            <BaseURL availabilityTimeOffset="0.5">a/</BaseURL>
            <SegmentTemplate media="$Number$.m4s" duration="2" startNumber="1"
                             availabilityTimeOffset="%s"/>
            <Representation id="r" bandwidth="1"/>
          </AdaptationSet></Period>
        </MPD>""";
    Instant at = Instant.parse("2026-01-01T00:00:10Z");
    // Without offsets 5 segments (ending by 10 s); 1.5 + 0.5 + 0 = 2 s earlier: the 6th.
    SegmentSequence s = ENUMERATOR.enumerate(
        Fixtures.rep(Fixtures.parse(mpd.formatted("0"), "https://x/m.mpd"), 0, "r"),
        Optional.of(at));
    assertThat(s.size()).isEqualTo(6);
    assertThat(s.get(5).url()).isEqualTo("https://ll.example/a/6.m4s");
    // + 1.9 s on the template: ends by 13.9 s, still 6; + 2 s: 7.
    assertThat(ENUMERATOR.enumerate(Fixtures.rep(Fixtures.parse(mpd.formatted("1.9"),
        "https://x/m.mpd"), 0, "r"), Optional.of(at)).size()).isEqualTo(6);
    assertThat(ENUMERATOR.enumerate(Fixtures.rep(Fixtures.parse(mpd.formatted("2"),
        "https://x/m.mpd"), 0, "r"), Optional.of(at)).size()).isEqualTo(7);
    // INF without a Period end: the segments that have started (the 6th is in progress).
    assertThat(ENUMERATOR.enumerate(Fixtures.rep(Fixtures.parse(mpd.formatted("INF"),
        "https://x/m.mpd"), 0, "r"), Optional.of(at.plusMillis(1))).size()).isEqualTo(6);
  }

  @Test
  void earlyAvailablePeriodHasNoStartAndNoSegments() {
    Mpd mpd = Fixtures.parse("""
        <MPD type="dynamic" availabilityStartTime="2026-01-01T00:00:00Z">
          <Period id="now" start="PT0S"><AdaptationSet>
            <SegmentTemplate media="a$Number$.m4s" duration="2"/>
            <Representation id="a" bandwidth="1"/></AdaptationSet></Period>
          <Period id="next"><AdaptationSet>
            <SegmentTemplate media="b$Number$.m4s" duration="2"/>
            <Representation id="b" bandwidth="1"/></AdaptationSet></Period>
        </MPD>""", "https://x/m.mpd");
    // The first Period has no @duration: the next one's start is not known yet (§5.3.2.1).
    assertThat(mpd.periods().get(1).start()).isEmpty();
    assertThat(mpd.periods().get(0).duration()).isEmpty();
    Optional<Instant> at = Optional.of(Instant.parse("2026-01-01T00:00:10Z"));
    assertThat(ENUMERATOR.enumerate(Fixtures.rep(mpd, 1, "b"), at).size()).isZero();
    assertThat(ENUMERATOR.enumerate(Fixtures.rep(mpd, 0, "a"), at).size()).isEqualTo(5);
  }

  @Test
  void liveWindowIsOnlyForDynamicMpds() {
    Mpd mpd = Fixtures.load("inheritance.mpd", "https://origin.example/x.mpd");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> mpd.liveWindow(Instant.EPOCH))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("MPD@type: static (expected: dynamic for a live window)");
  }

  @Test
  void beforeTheStartOfALiveStreamNothingIsAvailable() {
    Mpd mpd = Fixtures.load("timeline-r-minus-1-live.mpd", "https://live.example/ch1/m.mpd");
    assertThat(ENUMERATOR.enumerate(Fixtures.rep(mpd, 0, "low"),
        Optional.of(Instant.parse("2025-12-31T23:00:00Z"))).size()).isZero();
  }

  @Test
  void remoteElementsAreReportedNotFetchedAndResolveToZeroRemoves() {
    Mpd mpd = Fixtures.load("xlink-periods.mpd", "https://x.example/m.mpd");
    assertThat(mpd.periods()).extracting(p -> p.id().orElseThrow())
        .containsExactly("main", "ad", "after");
    Period main = mpd.periods().get(0);
    assertThat(main.adaptationSets()).hasSize(1);
    Period ad = mpd.periods().get(1);
    assertThat(ad.xlink()).contains(new XLink("https://ads.example/break.xml", "onLoad"));
    assertThat(ad.adaptationSets()).isEmpty();
    assertThat(ad.start()).contains(Duration.ofSeconds(10));
    Period after = mpd.periods().get(2);
    assertThat(after.start()).contains(Duration.ofSeconds(20));
    assertThat(after.duration()).contains(Duration.ofSeconds(10));
    assertThat(after.adaptationSets().get(0).xlink())
        .contains(new XLink("https://ads.example/set.xml", "onRequest"));
    assertThat(Fixtures.lines(ENUMERATOR.enumerate(Fixtures.rep(mpd, 2, "v"), Optional.empty())))
        .containsExactly("https://x.example/after-1.m4s", "https://x.example/after-2.m4s");
  }

  @Test
  void templateAttributesMergeDownTheLevelsAndBaseUrlsResolveThroughEach() {
    Mpd mpd = Fixtures.load("inheritance.mpd", "https://origin.example/x.mpd");
    var a = Fixtures.rep(mpd, 0, "a");
    SegmentTemplate t = (SegmentTemplate) a.representation().segmentInfo();
    assertThat(t.timescale()).isEqualTo(1000);
    assertThat(t.startNumber()).isEqualTo(10);
    assertThat(t.presentationTimeOffset()).isEqualTo(500);
    assertThat(a.representation().width()).hasValue(640);
    assertThat(a.representation().codecs()).contains("avc1.64001f");
    String v = "https://cdn-a.example/vod/video/";
    SegmentSequence sa = ENUMERATOR.enumerate(a, Optional.empty());
    assertThat(Fixtures.lines(sa)).containsExactly(
        v + "a-init.mp4", v + "a-10.m4s", v + "a-11.m4s", v + "a-12.m4s");
    assertThat(sa.get(0).time()).isEqualTo(500);
    assertThat(sa.get(0).start()).isEqualTo(Duration.ZERO);
    assertThat(sa.get(2).start()).isEqualTo(Duration.ofSeconds(8));

    var b = Fixtures.rep(mpd, 0, "b");
    assertThat(b.representation().width()).hasValue(1280);
    assertThat(Fixtures.lines(ENUMERATOR.enumerate(b, Optional.empty()))).containsExactly(
        v + "hd/b-init.mp4", v + "hd/200/010.m4s", v + "hd/200/011.m4s");

    var aud = Fixtures.rep(mpd, 0, "aud");
    String p = "https://cdn-a.example/vod/period1/";
    SegmentSequence audio = ENUMERATOR.enumerate(aud, Optional.empty());
    assertThat(Fixtures.lines(audio)).containsExactly(
        p + "audio/init.mp4", p + "audio/1.m4s", p + "audio/2.m4s");
    assertThat(audio.get(1).duration()).isEqualTo(Duration.ofSeconds(5));

    assertThat(SegmentEnumerator.baseUrls(a)).containsExactly(
        "https://cdn-a.example/vod/video/", "https://cdn-b.example/vod/video/");
  }
}
