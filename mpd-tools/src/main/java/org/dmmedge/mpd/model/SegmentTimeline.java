package org.dmmedge.mpd.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code SegmentTimeline} (§5.3.9.6): runs of segments of equal duration. The timeline is kept
 * compact as written (a 24 h live timeline of 2 s segments is one entry); enumeration expands it
 * lazily.
 *
 * @param entries the {@code S} elements in document order
 */
public record SegmentTimeline(List<Entry> entries) {
  public SegmentTimeline {
    entries = List.copyOf(entries);
  }

  /**
   * One {@code S} element.
   *
   * @param t {@code @t}: media time of the first segment of the run; absent means "right after
   *     the previous run" (0 for the first)
   * @param d {@code @d}: duration of each segment in ticks, {@code > 0}
   * @param r {@code @r}: number of repeats after the first; {@code -1} repeats until the next
   *     {@code S@t}, the end of the Period or, in a dynamic MPD, the live edge
   */
  public record Entry(OptionalLong t, long d, long r) {
    public Entry {
      Objects.requireNonNull(t, "t");
      if (d <= 0) {
        throw new IllegalArgumentException("d: " + d + " (expected: > 0)");
      }
      if (r < -1) {
        throw new IllegalArgumentException("r: " + r + " (expected: >= -1)");
      }
    }
  }
}
