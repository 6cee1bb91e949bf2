package org.dmmedge.mpd.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.dmmedge.mpd.Fixtures;
import org.dmmedge.mpd.model.Mpd;

/**
 * The live window of §5.3.9.5 against brute force: at any instant, the segments listed are
 * exactly those that have ended (availabilityTimeOffset 0) and whose end is less than
 * timeShiftBufferDepth ago, for random timelines, period starts and offsets.
 */
class LiveWindowPropertyTest {
  private static final Instant AST = Instant.parse("2026-01-01T00:00:00Z");

  @Property(tries = 200)
  void windowHoldsExactlyTheAvailableSegments(
      @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 9) Integer> durations,
      @ForAll @Size(min = 5, max = 5) List<@IntRange(min = 0, max = 6) Integer> repeats,
      @ForAll @IntRange(min = 0, max = 20) int periodStart,
      @ForAll @IntRange(min = 0, max = 30) int pto,
      @ForAll @IntRange(min = 1, max = 40) int depth,
      @ForAll @IntRange(min = 0, max = 150) int nowSeconds) {
    StringBuilder s = new StringBuilder();
    List<long[]> all = new ArrayList<>(); // {start (media time), end}
    long t = pto;
    for (int k = 0; k < durations.size(); k++) {
      int d = durations.get(k);
      int r = repeats.get(k);
      s.append("<S ").append(k == 0 ? "t=\"" + t + "\" " : "").append("d=\"").append(d)
          .append("\" r=\"").append(r).append("\"/>");
      for (int i = 0; i <= r; i++) {
        all.add(new long[] {t, t + d});
        t += d;
      }
    }
    Mpd mpd = Fixtures.parse("<MPD type=\"dynamic\" availabilityStartTime=\"" + AST
        + "\" timeShiftBufferDepth=\"PT" + depth + "S\"><Period start=\"PT" + periodStart
        + "S\"><AdaptationSet><SegmentTemplate timescale=\"1\" presentationTimeOffset=\"" + pto
        + "\" media=\"$Time$\"><SegmentTimeline>" + s + "</SegmentTimeline></SegmentTemplate>"
        + "<Representation id=\"r\" bandwidth=\"1\"/></AdaptationSet></Period></MPD>",
        "https://x/");
    SegmentSequence seq = new SegmentEnumerator().enumerate(Fixtures.rep(mpd, 0, "r"),
        Optional.of(AST.plusSeconds(nowSeconds)));

    long now = nowSeconds - periodStart + pto; // the instant in media time
    List<String> expected = new ArrayList<>();
    for (long[] seg : all) {
      if (seg[1] <= now && seg[1] > now - depth) {
        expected.add("https://x/" + seg[0]);
      }
    }
    List<String> actual = new ArrayList<>();
    seq.forEach(ref -> actual.add(ref.url()));
    assertThat(actual).isEqualTo(expected);
  }
}
