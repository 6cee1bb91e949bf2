package org.dmmedge.mpd.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mpd.model.ByteRange;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.model.RepresentationContext;

/**
 * The segments of one Representation before a window is chosen: made once by
 * {@link SegmentEnumerator#prepare}, windowed by {@link #at} as often as needed (a live
 * window at each request costs a few binary searches, not a rebuild of the timeline).
 * Immutable and thread-safe.
 */
public final class PreparedSegments {
  private final Builder b;
  private final Optional<SegmentRef> initialization;
  private final Optional<SegmentRef> index;
  private final TimeAxis axis;
  private final UrlSource urls;
  /** Upper bound on the window end (list size, endNumber); {@link #fixed} windows are [0, cap). */
  private final long cap;
  private final long startNumber;
  private final boolean fixed;

  private PreparedSegments(Builder b, Optional<SegmentRef> initialization,
      Optional<SegmentRef> index, TimeAxis axis, UrlSource urls, long cap, long startNumber,
      boolean fixed) {
    this.b = b;
    this.initialization = initialization;
    this.index = index;
    this.axis = axis;
    this.urls = urls;
    this.cap = cap;
    this.startNumber = startNumber;
    this.fixed = fixed;
  }

  public RepresentationContext context() {
    return b.context;
  }

  /**
   * The segments available at {@code at} (see {@link SegmentEnumerator} for the window).
   *
   * @param at required for a dynamic MPD; ignored for a static one
   * @throws SegmentEnumerationException when the window has no end (static MPD without a
   *     Period end), or holds more segments than the enumerator's bound
   */
  public SegmentSequence at(Optional<Instant> at) {
    Objects.requireNonNull(at, "at");
    if (fixed) {
      return sequence(0, cap);
    }
    Mpd mpd = b.context.mpd();
    long from = axis.countEndingBy(b.pto);
    long to = Math.min(axis.size(), cap);
    if (b.periodEnd != Long.MAX_VALUE) {
      to = Math.min(to, axis.countStartingBefore(b.periodEnd));
    }
    if (mpd.isDynamic()) {
      Instant now = at.orElseThrow(() -> new SegmentEnumerationException(
          b.where + ": dynamic MPD (expected: an instant to enumerate at)"));
      if (b.context.period().start().isEmpty() || mpd.availabilityStartTime().isEmpty()) {
        // An early available Period (§5.3.2.1) or a live MPD without a clock: nothing yet.
        return sequence(0, 0);
      }
      Instant periodAnchor = mpd.availabilityStartTime().get().plus(b.periodStart);
      long nowTicks = Ticks.plus(b.pto, Ticks.of(Duration.between(periodAnchor, now), b.ts));
      if (Double.isInfinite(b.availabilityTimeOffset)) {
        // INF: every segment of the Period is available; with no Period end, those started.
        if (to == TimeAxis.OPEN) {
          to = axis.countStartingBefore(Ticks.plus(nowTicks, 1));
        }
      } else {
        to = Math.min(to, axis.countEndingBy(Ticks.plus(nowTicks, b.earlyTicks())));
      }
      if (mpd.timeShiftBufferDepth().isPresent()) {
        long depth = Ticks.of(mpd.timeShiftBufferDepth().get(), b.ts);
        from = Math.max(from, axis.countEndingBy(Ticks.plus(nowTicks, -depth)));
      }
    } else if (to == TimeAxis.OPEN) {
      throw new SegmentEnumerationException(b.where + ": Period end: (unknown) (expected:"
          + " MPD@mediaPresentationDuration, Period@duration or a next Period@start)");
    }
    if (to - from > b.maxSegments) {
      throw new SegmentEnumerationException(b.where + ": segments: " + (to - from)
          + " (expected: <= " + b.maxSegments + ")");
    }
    return sequence(from, to);
  }

  private SegmentSequence sequence(long from, long to) {
    return new SegmentSequence(b.context, initialization, index, axis, urls, from, to,
        startNumber, b.ts, b.pto, b.periodStart);
  }

  /** What {@link SegmentEnumerator#prepare} knows about the Period and the timescale. */
  static final class Builder {
    final RepresentationContext context;
    final long maxSegments;
    final String where;
    final Duration periodStart;
    long ts;
    long pto;
    final long periodEnd;
    final double availabilityTimeOffset;

    Builder(RepresentationContext context, long maxSegments, String where, Duration periodStart,
        long ts, long pto, long periodEnd, double availabilityTimeOffset) {
      this.context = context;
      this.maxSegments = maxSegments;
      this.where = where;
      this.periodStart = periodStart;
      this.ts = ts;
      this.pto = pto;
      this.periodEnd = periodEnd;
      this.availabilityTimeOffset = availabilityTimeOffset;
    }

    /** {@code availabilityTimeOffset} (finite) in ticks. */
    long earlyTicks() {
      return (long) Math.min(Long.MAX_VALUE / 2.0, availabilityTimeOffset * ts);
    }

    /** Overrides the timescale and offset (single segments timed in nanoseconds). */
    Builder timing(long timescale, long presentationTimeOffset) {
      this.ts = timescale;
      this.pto = presentationTimeOffset;
      return this;
    }

    /** One segment spanning the Period. */
    PreparedSegments single(Optional<SegmentRef> init, Optional<SegmentRef> index, String url,
        long durationTicks, long number) {
      UrlSource one = new UrlSource() {
        @Override
        public String url(long i, long n, long time) {
          return url;
        }

        @Override
        public Optional<ByteRange> range(long i) {
          return Optional.empty();
        }
      };
      return new PreparedSegments(this, init, index, new UniformAxis(pto, durationTicks, 1), one,
          1, number, true);
    }

    /** Exactly {@code count} segments, whatever the instant. */
    PreparedSegments fixed(Optional<SegmentRef> init, TimeAxis axis, UrlSource urls, long count,
        long startNumber) {
      return new PreparedSegments(this, init, Optional.empty(), axis, urls, count, startNumber,
          true);
    }

    /** Segments windowed by the Period and, for a dynamic MPD, by the instant. */
    PreparedSegments windowed(Optional<SegmentRef> init, TimeAxis axis, UrlSource urls,
        long cap, long startNumber) {
      return new PreparedSegments(this, init, Optional.empty(), axis, urls, cap, startNumber,
          false);
    }
  }
}
