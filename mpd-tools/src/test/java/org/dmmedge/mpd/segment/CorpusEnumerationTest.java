package org.dmmedge.mpd.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dmmedge.mpd.Corpus;
import org.dmmedge.mpd.Fixtures;
import org.dmmedge.mpd.model.ByteRange;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.model.RepresentationContext;
import org.dmmedge.mpd.parse.MpdParser;
import org.junit.jupiter.api.Test;

/**
 * Enumerated URLs of real MPDs against expectations worked out by hand from each file (every
 * addressing scheme twice, multi-period and dynamic twice). The MPD is "loaded from"
 * {@value #DOC}, so relative URLs resolve against {@code https://cdn.example/content/}.
 */
class CorpusEnumerationTest {
  private static final String DOC = "https://cdn.example/content/manifest.mpd";
  private static final String C = "https://cdn.example/content/";

  private static Mpd parse(String name) {
    return new MpdParser().parse(Corpus.file(name), Optional.of(DOC));
  }

  private static SegmentSequence seq(Mpd mpd, int period, String repId, Instant at) {
    RepresentationContext ctx = mpd.representations()
        .filter(r -> r.periodIndex() == period && r.representation().id().equals(repId))
        .findFirst().orElseThrow();
    return new SegmentEnumerator().enumerate(ctx, Optional.ofNullable(at));
  }

  @Test
  void templateNumberWithWidthOverTwoPeriodsShakaAlternate() {
    Mpd mpd = parse("shaka-player__dash-mpd-alternate_dash.mpd");
    // Period 0: 4 s of 96/24 s segments = 1 segment; Period 1 (starts at 4 s): 16 s = 4.
    assertThat(Fixtures.lines(seq(mpd, 0, "1", null))).containsExactly(C + "init.mp4", C + "0001.m4s");
    SegmentSequence p1 = seq(mpd, 1, "1", null);
    assertThat(Fixtures.lines(p1)).containsExactly(C + "init.mp4",
        C + "0001.m4s", C + "0002.m4s", C + "0003.m4s", C + "0004.m4s");
    assertThat(p1.get(1).start()).isEqualTo(Duration.ofSeconds(8));
    assertThat(p1.get(1).duration()).isEqualTo(Duration.ofSeconds(4));
    assertThat(p1.get(3).number()).isEqualTo(4);
  }

  @Test
  void templateNumberFromZeroUnderPeriodBaseUrlVideojsWebm() {
    Mpd mpd = parse("videojs-mpd-parser__webmsegments.mpd");
    // BaseURL https://www.example.com/base has no trailing slash: "base" is replaced.
    assertThat(Fixtures.lines(seq(mpd, 0, "1", null))).containsExactly(
        "https://www.example.com/video/init.hdr",
        "https://www.example.com/video/segment_0.chk",
        "https://www.example.com/video/segment_1.chk",
        "https://www.example.com/video/segment_2.chk",
        "https://www.example.com/video/segment_3.chk");
    assertThat(seq(mpd, 0, "2", null).size()).isEqualTo(4);
  }

  @Test
  void timelineTimeClippedAtPeriodEndShakaAes128() {
    Mpd mpd = parse("shaka-player__dash-aes-128_dash.mpd");
    // S d=2 s r=4 is five segments (10 s), but the presentation is 8 s: the fifth starts at
    // the Period end and is not part of it.
    SegmentSequence s = seq(mpd, 0, "1_V_video_8", null);
    assertThat(Fixtures.lines(s)).containsExactly(
        C + "Fragments(video=i,format=mpd-time-csf)",
        C + "Fragments(video=0,format=mpd-time-csf)",
        C + "Fragments(video=20000000,format=mpd-time-csf)",
        C + "Fragments(video=40000000,format=mpd-time-csf)",
        C + "Fragments(video=60000000,format=mpd-time-csf)");
    assertThat(s.get(3).time()).isEqualTo(60_000_000L);
  }

  @Test
  void dynamicTimelineTimeAtAnInstantRxPlayer() {
    Mpd mpd = parse("rx-player__DASH_dynamic_SegmentTimeline_Manifest.mpd");
    // Video t0 = 137475698580000 / 90000 = 1527507762 s after availabilityStartTime; 6 s
    // segments. 30 s later exactly five have ended, so five are available.
    Instant at = Instant.parse("2012-01-01T00:00:00Z").plusSeconds(1527507762L + 30);
    assertThat(Fixtures.lines(seq(mpd, 0, "V300", at))).containsExactly(
        C + "V300/init.mp4",
        C + "V300/t137475698580000.m4s",
        C + "V300/t137475699120000.m4s",
        C + "V300/t137475699660000.m4s",
        C + "V300/t137475700200000.m4s",
        C + "V300/t137475700740000.m4s");
    // Audio starts 48 ms later with 6.016 s / 5.995 s segments: the fifth ends at 30.107 s.
    SegmentSequence audio = seq(mpd, 0, "A48", at);
    assertThat(Fixtures.lines(audio)).containsExactly(
        C + "A48/init.mp4",
        C + "A48/t73320372578304.m4s",
        C + "A48/t73320372867072.m4s",
        C + "A48/t73320373154816.m4s",
        C + "A48/t73320373443584.m4s");
    // Before the first segment is complete nothing is available.
    assertThat(seq(mpd, 0, "V300", at.minusSeconds(25)).size()).isZero();
  }

  @Test
  void dynamicDurationTemplateTimeShiftWindowAndroidx() {
    Mpd mpd = parse("androidx-media__mpd_sample_mpd_live_with_time_shift_buffer_16_secs.mpd");
    // At 01:00:00 (3600 s after availabilityStartTime), 2 s segments: 1800 have ended, and
    // availabilityTimeOffset="2" makes the one ending at 3602 s available too; those ending
    // at or before 3600 - 16 s (1792) have left the window: numbers 1793..1801.
    SegmentSequence s = seq(mpd, 0, "0", Instant.parse("2020-01-01T01:00:00Z"));
    List<String> expected = new ArrayList<>();
    for (int n = 1793; n <= 1801; n++) {
      expected.add(C + String.format("chunk-%05d.mp4", n));
    }
    assertThat(Fixtures.lines(s)).isEqualTo(expected);
    assertThat(s.get(0).start()).isEqualTo(Duration.ofSeconds(3584));
    assertThat(Fixtures.lines(s).get(0)).isEqualTo(C + "chunk-01793.mp4");
  }

  @Test
  void segmentListWithMediaRangesShaka6339() {
    Mpd mpd = parse("shaka-player__6339_master.mpd");
    SegmentSequence v = seq(mpd, 0, "a4c937bb-6f30-4ecb-8301-09fc1fd94c30", null);
    assertThat(Fixtures.lines(v)).containsExactly(
        C + "v.mp4\tbytes=36-745",
        C + "v.mp4\tbytes=746-18481",
        C + "v.mp4\tbytes=18482-32360",
        C + "v.mp4\tbytes=32361-46233",
        C + "v.mp4\tbytes=46234-60106",
        C + "v.mp4\tbytes=60107-73979");
    assertThat(v.get(4).start()).isEqualTo(Duration.ofMillis(4 * 9982));
    assertThat(v.get(4).range()).contains(new ByteRange(60107, 73979));
    assertThat(seq(mpd, 0, "b68693a7-abb2-42bb-8d61-3646905df87a", null).size()).isEqualTo(12);
  }

  @Test
  void segmentListWithTimelineAndAbsoluteUrlsStSl() {
    Mpd mpd = parse("dash-mpd-rs__st-sl.mpd");
    SegmentSequence s = seq(mpd, 0, "video1", null);
    assertThat(Fixtures.lines(s)).containsExactly(
        "https://foobar.com/init.mp4",
        "https://foobar.com/fie.0.m4v",
        "https://foobar.com/fie.1.m4v",
        "https://foobar.com/fie.2.m4v");
    assertThat(s.get(1).start()).isEqualTo(Duration.ofMillis(16560));
    assertThat(s.get(2).duration()).isEqualTo(Duration.ofMillis(16519));
  }

  @Test
  void segmentBaseWithIndexAndInitRangesShakaDolbyVision() {
    Mpd mpd = parse("shaka-player__dv-p8-1-hevc_manifest.mpd");
    SegmentSequence s = seq(mpd, 0, "video-hvc1-dvh1-db1p-1", null);
    String url = C + "media-video-hvc1-dvh1-db1p-1.mp4";
    assertThat(Fixtures.lines(s)).containsExactly(url + "\tbytes=0-802", url);
    assertThat(s.index().orElseThrow().toLine()).isEqualTo(url + "\tbytes=803-1266");
    assertThat(s.get(0).duration()).isEqualTo(Duration.ofMillis(71708));
  }

  @Test
  void segmentBaseInheritingRepresentationIndexVideojs() {
    Mpd mpd = parse("videojs-mpd-parser__segmentBase.mpd");
    SegmentSequence s = seq(mpd, 0, "482", null);
    assertThat(Fixtures.lines(s)).containsExactly("https://www.example.com/1080p.ts");
    assertThat(s.index().orElseThrow().url()).isEqualTo("https://www.example.com/1080p.sidx");
  }

  @Test
  void multiPeriodStartDerivedFromPreviousDurationShakaClearEncrypted() {
    Mpd mpd = parse("shaka-player__clear-encrypted_manifest.mpd");
    assertThat(mpd.periods().get(1).start()).contains(Duration.ofSeconds(8));
    assertThat(Fixtures.lines(seq(mpd, 0, "10", null))).containsExactly(
        C + "clear-v-init.mp4", C + "clear-v-s1.mp4", C + "clear-v-s2.mp4");
    SegmentSequence p2 = seq(mpd, 1, "20", null);
    assertThat(Fixtures.lines(p2)).containsExactly(
        C + "enc-v-init.mp4", C + "enc-v-s1.mp4", C + "enc-v-s2.mp4");
    assertThat(p2.get(1).start()).isEqualTo(Duration.ofSeconds(12));
  }
}
