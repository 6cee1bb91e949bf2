package org.dmmedge.mpd.segment;

/**
 * Segments of one constant duration from an origin: {@code @duration} addressing. A duration
 * of 0 is only used for a single segment of unknown length (it is never divided by).
 */
final class UniformAxis implements TimeAxis {
  private final long origin;
  private final long duration;
  private final long size;

  UniformAxis(long origin, long duration, long size) {
    this.origin = origin;
    this.duration = duration;
    this.size = size;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long start(long i) {
    try {
      return Math.addExact(origin, Math.multiplyExact(i, duration));
    } catch (ArithmeticException e) {
      throw new SegmentEnumerationException("segment " + i + " start: " + origin + " + " + i
          + " * " + duration + " (expected: below 2^63 ticks)");
    }
  }

  @Override
  public long duration(long i) {
    return duration;
  }

  @Override
  public long countStartingBefore(long ticks) {
    return ticks <= origin ? 0 : Math.min(size, Ticks.ceilDiv(ticks - origin, duration));
  }

  @Override
  public long countEndingBy(long ticks) {
    return ticks <= origin ? 0 : Math.min(size, (ticks - origin) / duration);
  }

  @Override
  public long indexOfStart(long ticks) {
    if (duration == 0) {
      return ticks == origin && size > 0 ? 0 : -1;
    }
    if (ticks < origin || (ticks - origin) % duration != 0) {
      return -1;
    }
    long i = (ticks - origin) / duration;
    return i < size ? i : -1;
  }
}
