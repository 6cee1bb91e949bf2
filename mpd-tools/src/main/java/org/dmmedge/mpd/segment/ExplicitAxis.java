package org.dmmedge.mpd.segment;

import java.util.Arrays;
import java.util.List;
import org.dmmedge.mpd.model.SegmentTimeline;

/**
 * A {@link SegmentTimeline} as runs (§5.3.9.6): run {@code k} has {@code count[k]} segments of
 * {@code d[k]} ticks from {@code t[k]}. Memory is per {@code S} element, not per segment;
 * every lookup is a binary search over runs.
 */
final class ExplicitAxis implements TimeAxis {
  private final long[] t;
  private final long[] d;
  private final long[] count;
  private final long[] first;
  private final long size;

  private ExplicitAxis(long[] t, long[] d, long[] count, long[] first, long size) {
    this.t = t;
    this.d = d;
    this.count = count;
    this.first = first;
    this.size = size;
  }

  /**
   * Builds the runs, resolving absent {@code @t} and {@code @r=-1}, and clipping runs at the
   * Period end (segments starting at or after it do not belong to the Period).
   *
   * @param periodEnd media time of the Period end, or {@link Long#MAX_VALUE} when unknown
   * @throws SegmentEnumerationException for non-increasing {@code @t}, an {@code @r=-1} that
   *     cannot be bounded by the next {@code S}, or 64-bit overflow
   */
  static ExplicitAxis of(SegmentTimeline timeline, long periodEnd, String where) {
    List<SegmentTimeline.Entry> entries = timeline.entries();
    int runs = entries.size();
    long[] t = new long[runs];
    long[] d = new long[runs];
    long[] count = new long[runs];
    long[] first = new long[runs];
    long total = 0;
    long nextStart = 0;
    for (int k = 0; k < runs; k++) {
      SegmentTimeline.Entry s = entries.get(k);
      String name = where + " S[" + (k + 1) + "]";
      if (s.t().isPresent()) {
        t[k] = s.t().getAsLong();
      } else if (nextStart >= 0) {
        t[k] = nextStart;
      } else {
        throw new SegmentEnumerationException(
            name + "@t: (absent) (expected: present after a run whose end is open or beyond 2^63)");
      }
      if (k > 0 && t[k] <= lastStart(t, d, count, k - 1)) {
        throw new SegmentEnumerationException(name + "@t: " + t[k]
            + " (expected: > " + lastStart(t, d, count, k - 1) + ", the previous segment start)");
      }
      d[k] = s.d();
      long n;
      if (s.r() >= 0) {
        n = s.r() == Long.MAX_VALUE ? OPEN : s.r() + 1;
      } else if (k + 1 < runs) {
        SegmentTimeline.Entry next = entries.get(k + 1);
        if (next.t().isEmpty() || next.t().getAsLong() <= t[k]) {
          throw new SegmentEnumerationException(name + "@r: -1 (expected: the next S to have @t"
              + " after " + t[k] + ")");
        }
        n = Ticks.ceilDiv(next.t().getAsLong() - t[k], d[k]);
      } else {
        n = OPEN;
      }
      if (periodEnd != Long.MAX_VALUE) {
        n = Math.min(n, periodEnd > t[k] ? Ticks.ceilDiv(periodEnd - t[k], d[k]) : 0);
      }
      count[k] = n;
      first[k] = total;
      total = Ticks.plus(total, n);
      nextStart = end(t[k], d[k], n);
    }
    return new ExplicitAxis(t, d, count, first, total);
  }

  /** End of a run, or -1 when unknown or beyond 64 bits. */
  private static long end(long t, long d, long n) {
    if (n == OPEN) {
      return -1;
    }
    try {
      return Math.addExact(t, Math.multiplyExact(n, d));
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static long lastStart(long[] t, long[] d, long[] count, int k) {
    if (count[k] == 0) {
      return t[k] - 1;
    }
    long e = end(t[k], d[k], count[k] == OPEN ? OPEN : count[k] - 1);
    return e < 0 ? Long.MAX_VALUE : e;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long start(long i) {
    int k = runOf(i);
    try {
      return Math.addExact(t[k], Math.multiplyExact(i - first[k], d[k]));
    } catch (ArithmeticException e) {
      throw new SegmentEnumerationException("segment " + i + " start: " + t[k] + " + "
          + (i - first[k]) + " * " + d[k] + " (expected: below 2^63 ticks)");
    }
  }

  @Override
  public long duration(long i) {
    return d[runOf(i)];
  }

  private int runOf(long i) {
    int k = Arrays.binarySearch(first, i);
    if (k < 0) {
      k = -k - 2;
    }
    // Runs of zero segments share their "first" with the next run: take the last such run.
    while (k + 1 < first.length && first[k + 1] == i) {
      k++;
    }
    return k;
  }

  @Override
  public long countStartingBefore(long ticks) {
    int k = Arrays.binarySearch(t, ticks);
    k = k >= 0 ? k - 1 : -k - 2; // the last run starting before ticks
    if (k < 0) {
      return 0;
    }
    return first[k] + Math.min(count[k], Ticks.ceilDiv(ticks - t[k], d[k]));
  }

  /** Runs before the one containing {@code ticks} are taken as ended (no overlap, §5.3.9.6). */
  @Override
  public long countEndingBy(long ticks) {
    int k = Arrays.binarySearch(t, ticks);
    k = k >= 0 ? k : -k - 2; // the last run starting at or before ticks
    if (k < 0) {
      return 0;
    }
    return first[k] + Math.min(count[k], (ticks - t[k]) / d[k]);
  }

  @Override
  public long indexOfStart(long ticks) {
    int k = Arrays.binarySearch(t, ticks);
    if (k < 0) {
      k = -k - 2;
    }
    if (k < 0) {
      return -1;
    }
    long offset = ticks - t[k];
    if (offset % d[k] != 0 || offset / d[k] >= count[k]) {
      return -1;
    }
    return first[k] + offset / d[k];
  }
}
