package org.dmmedge.mpd.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dmmedge.mpd.Fixtures;
import org.dmmedge.mpd.model.Mpd;
import org.junit.jupiter.api.Test;

/** Absurd values give bounded results or clear errors, never a hang or a huge list. */
class SegmentEnumeratorLimitsTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);
  private static final String DOC = "https://x.example/m.mpd";

  private static String mpd(String mpdAttributes, String period, String timeline) {
    return "<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" " + mpdAttributes + ">\n"
        + "<Period " + period + "><AdaptationSet mimeType=\"video/mp4\">\n"
        + "<SegmentTemplate media=\"$Number$.m4s\" timescale=\"1\"><SegmentTimeline>"
        + timeline + "</SegmentTimeline></SegmentTemplate>\n"
        + "<Representation id=\"r\" bandwidth=\"1\"/></AdaptationSet></Period></MPD>";
  }

  private static SegmentSequence enumerate(String xml, Instant at) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> {
      Mpd mpd = Fixtures.parse(xml, DOC);
      return new SegmentEnumerator().enumerate(Fixtures.rep(mpd, 0, "r"),
          Optional.ofNullable(at));
    });
  }

  @Test
  void hugeRepeatIsClippedAtThePeriodEnd() {
    SegmentSequence s = enumerate(mpd("type=\"static\" mediaPresentationDuration=\"PT10S\"",
        "", "<S t=\"0\" d=\"1\" r=\"1000000000000\"/>"), null);
    assertThat(s.size()).isEqualTo(10);
    assertThat(s.get(9).url()).isEqualTo("https://x.example/10.m4s");
  }

  @Test
  void hugeRepeatWithoutAPeriodEndExceedsTheBound() {
    String xml = mpd("type=\"static\"", "start=\"PT0S\"",
        "<S t=\"0\" d=\"1\" r=\"1000000000000\"/>");
    assertThatThrownBy(() -> enumerate(xml, null))
        .isInstanceOf(SegmentEnumerationException.class)
        .hasMessageContaining("segments: 1000000000001 (expected: <= 10000000)");
  }

  @Test
  void openRepeatInAStaticMpdWithoutEndNamesWhatIsMissing() {
    String xml = mpd("type=\"static\"", "start=\"PT0S\"", "<S t=\"0\" d=\"2\" r=\"-1\"/>");
    assertThatThrownBy(() -> enumerate(xml, null))
        .isInstanceOf(SegmentEnumerationException.class)
        .hasMessageContaining("Period end: (unknown) (expected: MPD@mediaPresentationDuration");
  }

  @Test
  void hugeRepeatInALiveMpdIsBoundedByTheLiveEdge() {
    Instant ast = Instant.parse("2026-01-01T00:00:00Z");
    SegmentSequence s = enumerate(mpd("type=\"dynamic\" availabilityStartTime=\"" + ast + "\"",
        "start=\"PT0S\"", "<S t=\"0\" d=\"1\" r=\"1000000000000\"/>"), ast.plusSeconds(100));
    assertThat(s.size()).isEqualTo(100);
  }

  @Test
  void mediaTimesBeyond64BitsAreAnError() {
    Instant ast = Instant.parse("2026-01-01T00:00:00Z");
    String xml = mpd("type=\"dynamic\" availabilityStartTime=\"" + ast + "\"", "start=\"PT0S\"",
        "<S t=\"0\" d=\"4611686018427387904\" r=\"3\"/><S d=\"1\"/>");
    assertThatThrownBy(() -> enumerate(xml, ast.plusSeconds(1)))
        .isInstanceOf(SegmentEnumerationException.class)
        .hasMessageContaining("S[2]@t: (absent)");
  }

  @Test
  void overlappingTimelineIsAnError() {
    String xml = mpd("type=\"static\" mediaPresentationDuration=\"PT60S\"", "",
        "<S t=\"10\" d=\"5\" r=\"2\"/><S t=\"12\" d=\"5\"/>");
    assertThatThrownBy(() -> enumerate(xml, null))
        .isInstanceOf(SegmentEnumerationException.class)
        .hasMessageContaining("S[2]@t: 12 (expected: > 20, the previous segment start)");
  }

  @Test
  void durationTemplateWithoutPeriodEndIsAnError() {
    String xml = "<MPD type=\"static\"><Period start=\"PT0S\"><AdaptationSet>"
        + "<SegmentTemplate media=\"$Number$\" duration=\"2\"/><Representation id=\"r\"/>"
        + "</AdaptationSet></Period></MPD>";
    assertThatThrownBy(() -> enumerate(xml, null))
        .hasMessageContaining("Period end: (unknown)");
  }

  @Test
  void dayLongTimelineIsLazyAndRandomAccess() {
    Instant ast = Instant.parse("2026-01-01T00:00:00Z");
    SegmentSequence s = enumerate(mpd("type=\"dynamic\" availabilityStartTime=\"" + ast
        + "\" timeShiftBufferDepth=\"P1D\"", "start=\"PT0S\"",
        "<S t=\"0\" d=\"2\" r=\"-1\"/>"), ast.plus(Duration.ofDays(1)));
    assertThat(s.size()).isEqualTo(43_200);
    assertThat(s.get(43_199).url()).isEqualTo("https://x.example/43200.m4s");
    assertThat(s.stream().skip(43_198).findFirst().orElseThrow().time()).isEqualTo(86_396);
    assertThat(s.indexOfNumber(20_000)).hasValue(19_999);
    assertThat(s.indexOfTime(86_398)).hasValue(43_199);
    Mpd mpd = Fixtures.parse(mpd("type=\"dynamic\" availabilityStartTime=\"" + ast
        + "\" timeShiftBufferDepth=\"P1D\"", "start=\"PT0S\"",
        "<S t=\"0\" d=\"2\" r=\"-1\"/>"), DOC);
    assertThatThrownBy(() -> new SegmentEnumerator(1000).enumerate(Fixtures.rep(mpd, 0, "r"),
        Optional.of(ast.plus(Duration.ofDays(1)))))
        .hasMessageContaining("segments: 43200 (expected: <= 1000)");
  }
}
