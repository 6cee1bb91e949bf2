package org.dmmedge.mpd.segment;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.dmmedge.mpd.model.RepresentationContext;

/**
 * The segments of one Representation in one Period, within a window (the Period for a static
 * MPD, the time-shift window at an instant for a dynamic one), as a random-access lazy
 * sequence: nothing is materialised, {@link #get} and {@link #stream} compute each
 * {@link SegmentRef} on demand. Immutable and thread-safe.
 */
public final class SegmentSequence implements Iterable<SegmentRef> {
  private final RepresentationContext context;
  private final Optional<SegmentRef> initialization;
  private final Optional<SegmentRef> index;
  private final TimeAxis axis;
  private final UrlSource urls;
  private final long from;
  private final long to;
  private final long startNumber;
  private final long timescale;
  private final long presentationTimeOffset;
  private final Duration periodStart;

  SegmentSequence(
      RepresentationContext context,
      Optional<SegmentRef> initialization,
      Optional<SegmentRef> index,
      TimeAxis axis,
      UrlSource urls,
      long from,
      long to,
      long startNumber,
      long timescale,
      long presentationTimeOffset,
      Duration periodStart) {
    this.context = context;
    this.initialization = initialization;
    this.index = index;
    this.axis = axis;
    this.urls = urls;
    this.from = from;
    this.to = Math.max(from, to);
    this.startNumber = startNumber;
    this.timescale = timescale;
    this.presentationTimeOffset = presentationTimeOffset;
    this.periodStart = periodStart;
  }

  public RepresentationContext context() {
    return context;
  }

  /** The initialization segment, when the Representation has one. */
  public Optional<SegmentRef> initialization() {
    return initialization;
  }

  /** The index segment ({@code sidx}) of single-segment addressing, when declared. */
  public Optional<SegmentRef> index() {
    return index;
  }

  /** Number of media segments in the window. */
  public long size() {
    return to - from;
  }

  /**
   * The {@code i}-th media segment of the window.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= i < size()}
   */
  public SegmentRef get(long i) {
    if (i < 0 || i >= size()) {
      throw new IndexOutOfBoundsException("index: " + i + " (expected: 0.." + (size() - 1) + ")");
    }
    long k = from + i;
    long time = axis.start(k);
    long d = axis.duration(k);
    long number = startNumber + k;
    Duration start = Ticks.toDuration(time - presentationTimeOffset, timescale, periodStart);
    return new SegmentRef(urls.url(k, number, time), urls.range(k), number, time, d, timescale,
        start, Ticks.toDuration(d, timescale));
  }

  /** Window index of the segment with this number, if it is in the window. */
  public OptionalLong indexOfNumber(long number) {
    long i = number - startNumber - from;
    return i >= 0 && i < size() ? OptionalLong.of(i) : OptionalLong.empty();
  }

  /** Window index of the segment starting at this media time, if it is in the window. */
  public OptionalLong indexOfTime(long time) {
    long k = axis.indexOfStart(time);
    return k >= from && k < to ? OptionalLong.of(k - from) : OptionalLong.empty();
  }

  /**
   * Window index of the first segment that ends after {@code position} (relative to the
   * presentation start): the segment playing at that position, or the next one after a gap.
   */
  public OptionalLong firstEndingAfter(Duration position) {
    long ticks = Ticks.plus(presentationTimeOffset,
        Ticks.of(position.minus(periodStart), timescale));
    long k = Math.max(from, axis.countEndingBy(ticks));
    return k < to ? OptionalLong.of(k - from) : OptionalLong.empty();
  }

  /** Lazy, ordered, sized stream of the media segments. */
  public Stream<SegmentRef> stream() {
    return StreamSupport.stream(Spliterators.spliterator(iterator(), size(),
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
  }

  @Override
  public Iterator<SegmentRef> iterator() {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < size();
      }

      @Override
      public SegmentRef next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return get(next++);
      }
    };
  }

  @Override
  public String toString() {
    return Objects.toString(context) + ": " + size() + " segments";
  }
}
