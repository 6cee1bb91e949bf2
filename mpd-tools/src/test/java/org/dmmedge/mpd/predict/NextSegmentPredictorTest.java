package org.dmmedge.mpd.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.dmmedge.mpd.Corpus;
import org.dmmedge.mpd.Fixtures;
import org.dmmedge.mpd.model.ByteRange;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.parse.MpdParser;
import org.dmmedge.mpd.segment.SegmentRef;
import org.junit.jupiter.api.Test;

/** Locating requests in an MPD and predicting the next ones. */
class NextSegmentPredictorTest {
  private static final Clock AT_61S =
      Clock.fixed(Instant.parse("2026-01-01T00:01:01Z"), ZoneOffset.UTC);

  private static NextSegmentPredictor predictor(Mpd mpd, Clock clock) {
    return new NextSegmentPredictor(mpd, clock);
  }

  @Test
  void liveNumberTemplateNextSegmentsAndNeighbours() {
    Mpd mpd = Fixtures.load("timeline-r-minus-1-live.mpd", "https://live.example/ch1/m.mpd");
    NextSegmentPredictor p = predictor(mpd, AT_61S);
    SegmentPosition pos = p.locate("https://live.example/ch1/seg-0027.m4s", Optional.empty())
        .orElseThrow();
    // Every Representation shares the URL template: the first in document order matches.
    assertThat(pos.context().representation().id()).isEqualTo("low");
    assertThat(pos.segment().number()).isEqualTo(27);
    // Only segments already available are predicted (30 is the live edge at 61 s).
    assertThat(p.next(pos, 5)).extracting(SegmentRef::url).containsExactly(
        "https://live.example/ch1/seg-0028.m4s", "https://live.example/ch1/seg-0029.m4s",
        "https://live.example/ch1/seg-0030.m4s");
    assertThat(p.next(pos, 1)).hasSize(1);
    assertThat(p.neighbours(pos)).extracting(SegmentRef::number).containsExactly(27L);
    // Out of the window (expired) or not a segment at all.
    assertThat(p.locate("https://live.example/ch1/seg-0020.m4s", Optional.empty())).isEmpty();
    assertThat(p.locate("https://live.example/ch1/init.mp4", Optional.empty())).isEmpty();
    assertThat(p.locate("https://other.example/ch1/seg-0027.m4s", Optional.empty())).isEmpty();
  }

  @Test
  void timeTemplateAcrossRepresentationsGivesNeighboursAtTheSameTime() {
    Mpd mpd = Fixtures.parse("""
        <MPD type="static" mediaPresentationDuration="PT20S">
          <Period><AdaptationSet mimeType="video/mp4">
            <SegmentTemplate timescale="10" media="$RepresentationID$/$Time$.m4s">
              <SegmentTimeline><S t="0" d="40" r="4"/></SegmentTimeline>
            </SegmentTemplate>
            <Representation id="hi" bandwidth="3000"/>
            <Representation id="lo" bandwidth="1000"/>
            <Representation id="mid" bandwidth="2000"/>
          </AdaptationSet></Period>
        </MPD>""", "https://vod.example/a/m.mpd");
    NextSegmentPredictor p = predictor(mpd, AT_61S);
    SegmentPosition pos = p.locate("https://vod.example/a/mid/80.m4s", Optional.empty())
        .orElseThrow();
    assertThat(pos.segment().number()).isEqualTo(3);
    assertThat(p.next(pos, 2)).extracting(SegmentRef::url).containsExactly(
        "https://vod.example/a/mid/120.m4s", "https://vod.example/a/mid/160.m4s");
    assertThat(p.neighbours(pos)).extracting(SegmentRef::url).containsExactly(
        "https://vod.example/a/lo/80.m4s", "https://vod.example/a/hi/80.m4s");
    SegmentPosition last = p.locate("https://vod.example/a/mid/160.m4s", Optional.empty())
        .orElseThrow();
    assertThat(p.next(last, 2)).isEmpty();
  }

  @Test
  void segmentListAddressedByRangeIsLocatedByUrlAndRange() {
    Mpd mpd = new MpdParser().parse(Corpus.file("shaka-player__6339_master.mpd"),
        Optional.of("https://vod.example/x/master.mpd"));
    NextSegmentPredictor p = predictor(mpd, AT_61S);
    SegmentPosition pos = p.locate("https://vod.example/x/v.mp4",
        Optional.of(new ByteRange(18482, 32360))).orElseThrow();
    assertThat(pos.segment().number()).isEqualTo(2);
    assertThat(p.next(pos, 1)).extracting(SegmentRef::toLine)
        .containsExactly("https://vod.example/x/v.mp4\tbytes=32361-46233");
    assertThat(p.locate("https://vod.example/x/v.mp4", Optional.empty())).isEmpty();
  }

  @Test
  void alternativeBaseUrlsAreMatchedAndPredictionStaysOnThem() {
    Mpd mpd = Fixtures.load("inheritance.mpd", "https://origin.example/x.mpd");
    NextSegmentPredictor p = predictor(mpd, AT_61S);
    SegmentPosition pos = p.locate("https://cdn-b.example/vod/video/a-10.m4s", Optional.empty())
        .orElseThrow();
    assertThat(p.next(pos, 1)).extracting(SegmentRef::url)
        .containsExactly("https://cdn-b.example/vod/video/a-11.m4s");
  }
}
