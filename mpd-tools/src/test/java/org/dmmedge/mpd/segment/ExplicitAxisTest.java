package org.dmmedge.mpd.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.dmmedge.mpd.model.SegmentTimeline;

/** The run arithmetic of SegmentTimeline agrees with expanding every segment by hand. */
class ExplicitAxisTest {
  @Property(tries = 300)
  void countsAndLookupsMatchTheExpandedTimeline(
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 7) Integer> durations,
      @ForAll @Size(min = 6, max = 6) List<@IntRange(min = 0, max = 4) Integer> repeats,
      @ForAll @Size(min = 6, max = 6) List<@IntRange(min = 0, max = 5) Integer> gaps,
      @ForAll @IntRange(min = 0, max = 90) int periodEnd,
      @ForAll @IntRange(min = -3, max = 95) int probe) {
    List<SegmentTimeline.Entry> entries = new ArrayList<>();
    List<long[]> expanded = new ArrayList<>(); // {start, duration}
    long next = 0;
    for (int k = 0; k < durations.size(); k++) {
      long t = next + gaps.get(k);
      long d = durations.get(k);
      long r = repeats.get(k);
      entries.add(new SegmentTimeline.Entry(OptionalLong.of(t), d, r));
      for (long i = 0; i <= r; i++) {
        if (t + i * d < periodEnd) {
          expanded.add(new long[] {t + i * d, d});
        }
      }
      next = t + (r + 1) * d;
    }
    ExplicitAxis axis = ExplicitAxis.of(new SegmentTimeline(entries), periodEnd, "test");

    assertThat(axis.size()).isEqualTo(expanded.size());
    for (int i = 0; i < expanded.size(); i++) {
      assertThat(axis.start(i)).isEqualTo(expanded.get(i)[0]);
      assertThat(axis.duration(i)).isEqualTo(expanded.get(i)[1]);
      assertThat(axis.indexOfStart(expanded.get(i)[0])).isEqualTo(i);
    }
    long startingBefore = expanded.stream().filter(s -> s[0] < probe).count();
    long endingBy = expanded.stream().filter(s -> s[0] + s[1] <= probe).count();
    assertThat(axis.countStartingBefore(probe)).isEqualTo(startingBefore);
    assertThat(axis.countEndingBy(probe)).isEqualTo(endingBy);
    boolean isStart = expanded.stream().anyMatch(s -> s[0] == probe);
    assertThat(axis.indexOfStart(probe) >= 0).isEqualTo(isStart);
  }
}
