package org.dmmedge.mpd.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mpd.model.BaseUrl;
import org.dmmedge.mpd.model.ByteRange;
import org.dmmedge.mpd.model.Period;
import org.dmmedge.mpd.model.Representation;
import org.dmmedge.mpd.model.RepresentationContext;
import org.dmmedge.mpd.model.SegmentBase;
import org.dmmedge.mpd.model.SegmentInfo;
import org.dmmedge.mpd.model.SegmentList;
import org.dmmedge.mpd.model.SegmentTemplate;
import org.dmmedge.mpd.model.SegmentUrl;
import org.dmmedge.mpd.model.UrlRange;

/**
 * Lists the segments of a Representation for every addressing scheme of ISO/IEC 23009-1
 * §5.3.9: SegmentBase (one resource, optional index range), SegmentList, and SegmentTemplate
 * with {@code @duration} or a SegmentTimeline (neither: one segment).
 *
 * <p>Window. Static MPD: the segments that overlap the Period (a segment that starts at or
 * after the Period end is not part of it; {@code S@r=-1} repeats up to it). Dynamic MPD at an
 * instant {@code now}: additionally, a segment is available once it is complete
 * ({@code availabilityStartTime + PeriodStart + (end - presentationTimeOffset) / timescale <=
 * now}), or {@code availabilityTimeOffset} seconds earlier (the sum over the BaseURLs used
 * and the segment element; {@code INF}: as soon as the Period has it), and until
 * {@code timeShiftBufferDepth} after its end. {@code @endNumber} bounds templates.
 *
 * <p>URLs are resolved through the first BaseURL of every level (document, MPD, Period,
 * AdaptationSet, Representation) with {@link UriResolver}; {@link #baseUrls} lists the
 * alternatives.
 *
 * <p>Bounds. Everything is computed lazily (see {@link SegmentSequence}), but a window larger
 * than {@code maxSegments} is refused, so absurd values ({@code @r} of 10^12) fail with a
 * message instead of producing an endless listing. Immutable and thread-safe.
 */
public final class SegmentEnumerator {
  /** Default bound on the segments of one window: a week of 1 s segments, with room. */
  public static final long DEFAULT_MAX_SEGMENTS = 10_000_000;
  private static final int MAX_BASE_URL_COMBINATIONS = 64;
  private static final long NANOS = 1_000_000_000L;

  private final long maxSegments;

  public SegmentEnumerator() {
    this(DEFAULT_MAX_SEGMENTS);
  }

  /** @throws IllegalArgumentException unless {@code maxSegments > 0} */
  public SegmentEnumerator(long maxSegments) {
    if (maxSegments <= 0) {
      throw new IllegalArgumentException("maxSegments: " + maxSegments + " (expected: > 0)");
    }
    this.maxSegments = maxSegments;
  }

  /**
   * The segments of {@code context} through its primary BaseURLs.
   *
   * @param at the wall-clock instant for a dynamic MPD (required then; ignored when static)
   * @throws SegmentEnumerationException when the segments cannot be listed (see class doc)
   */
  public SegmentSequence enumerate(RepresentationContext context, Optional<Instant> at) {
    return enumerate(context, at, baseUrl(context));
  }

  /** As {@link #enumerate(RepresentationContext, Optional)} with an explicit resolved base. */
  public SegmentSequence enumerate(RepresentationContext context, Optional<Instant> at,
      String base) {
    return prepare(context, base).at(at);
  }

  /**
   * Everything about a Representation's segments that does not depend on the instant (URL
   * templates resolved, timeline runs built), to window cheaply and repeatedly with
   * {@link PreparedSegments#at}: what a long-lived user such as a predictor keeps.
   *
   * @throws SegmentEnumerationException when the addressing is unusable (see class doc)
   */
  public PreparedSegments prepare(RepresentationContext context, String base) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(base, "base");
    Representation rep = context.representation();
    Period period = context.period();
    SegmentInfo info = rep.segmentInfo();
    long ts = info.timescale();
    long pto = info.presentationTimeOffset();
    Duration periodStart = period.start().orElse(Duration.ZERO);
    long periodEnd = period.duration()
        .map(d -> Ticks.plus(pto, Ticks.of(d, ts))).orElse(Long.MAX_VALUE);
    long periodTicks = periodEnd == Long.MAX_VALUE ? 0 : periodEnd - pto;
    String where = context + " (line " + rep.line() + ")";
    double offset = info.availabilityTimeOffset() + bases(context).stream()
        .filter(x -> x.url.equals(base)).mapToDouble(Base::availabilityTimeOffset)
        .findFirst().orElse(0);
    PreparedSegments.Builder b = new PreparedSegments.Builder(context, maxSegments, where,
        periodStart, ts, pto, periodEnd, offset);

    if (info instanceof SegmentBase sb) {
      Optional<SegmentRef> init = sb.initialization().map(u -> urlRef(base, u));
      Optional<SegmentRef> index = sb.indexRange()
          .map(r -> new SegmentRef(base, Optional.of(r), 0, pto, 0, ts, periodStart, Duration.ZERO))
          .or(() -> sb.representationIndex().map(u -> urlRef(base, u)));
      // One segment spanning the Period: timed in nanoseconds so its duration is exact.
      long nanos = period.duration().map(d -> Ticks.of(d, NANOS)).orElse(0L);
      return b.timing(NANOS, 0).single(init, index, base, nanos, 1);
    }
    if (info instanceof SegmentTemplate st) {
      String media = st.media().orElseThrow(() -> new SegmentEnumerationException(
          where + " SegmentTemplate@media: (absent) (expected: a URL template)"));
      TemplateExpander mediaUrls = compile(where, "media", media)
          .bind(rep.id(), rep.bandwidth()).resolveAgainst(base);
      Optional<SegmentRef> init = st.initialization()
          .map(t -> compile(where, "initialization", t).bind(rep.id(), rep.bandwidth())
              .resolveAgainst(base).expand(rep.id(), rep.bandwidth(), st.startNumber(), pto, 0))
          .map(u -> new SegmentRef(u, Optional.empty(), 0, pto, 0, ts, periodStart, Duration.ZERO))
          .or(() -> st.initializationElement().map(u -> urlRef(base, u)));
      if (st.timeline().isEmpty() && st.duration().isEmpty()) {
        return b.single(init, Optional.empty(),
            mediaUrls.expand(rep.id(), rep.bandwidth(), st.startNumber(), pto, 0), periodTicks,
            st.startNumber());
      }
      UrlSource urls = new UrlSource() {
        @Override
        public String url(long index, long number, long time) {
          return mediaUrls.expand(rep.id(), rep.bandwidth(), number, time, 0);
        }

        @Override
        public Optional<ByteRange> range(long index) {
          return Optional.empty();
        }
      };
      long cap = st.endNumber().isPresent()
          ? Math.max(0, st.endNumber().getAsLong() - st.startNumber() + 1) : TimeAxis.OPEN;
      TimeAxis axis = st.timeline().isPresent()
          ? ExplicitAxis.of(st.timeline().get(), periodEnd, where + " SegmentTimeline")
          : new UniformAxis(pto, st.duration().getAsLong(), TimeAxis.OPEN);
      return b.windowed(init, axis, urls, cap, st.startNumber());
    }
    SegmentList sl = (SegmentList) info;
    List<SegmentUrl> list = sl.segmentUrls();
    Optional<SegmentRef> init = sl.initialization().map(u -> urlRef(base, u));
    UrlSource urls = new UrlSource() {
      @Override
      public String url(long index, long number, long time) {
        return list.get((int) index).media().map(m -> UriResolver.resolve(base, m)).orElse(base);
      }

      @Override
      public Optional<ByteRange> range(long index) {
        return list.get((int) index).mediaRange();
      }
    };
    if (sl.timeline().isEmpty() && sl.duration().isEmpty()) {
      if (list.size() > 1) {
        throw new SegmentEnumerationException(where + " SegmentList@duration: (absent) (expected:"
            + " @duration or a SegmentTimeline for " + list.size() + " SegmentURLs)");
      }
      return b.fixed(init, new UniformAxis(pto, periodTicks, list.size()), urls, list.size(),
          sl.startNumber());
    }
    TimeAxis axis = sl.timeline().isPresent()
        ? ExplicitAxis.of(sl.timeline().get(), periodEnd, where + " SegmentTimeline")
        : new UniformAxis(pto, sl.duration().getAsLong(), list.size());
    return b.windowed(init, axis, urls, list.size(), sl.startNumber());
  }

  private static SegmentRef urlRef(String base, UrlRange u) {
    String url = u.sourceUrl().map(s -> UriResolver.resolve(base, s)).orElse(base);
    return new SegmentRef(url, u.range(), 0, 0, 0, 1, Duration.ZERO, Duration.ZERO);
  }

  private static TemplateExpander compile(String where, String attribute, String template) {
    try {
      return TemplateExpander.compile(template);
    } catch (IllegalArgumentException e) {
      throw new SegmentEnumerationException(
          where + " SegmentTemplate@" + attribute + ": " + e.getMessage());
    }
  }

  /** The primary resolved base URL of a Representation (first BaseURL of every level). */
  public static String baseUrl(RepresentationContext context) {
    return baseUrls(context).get(0);
  }

  /**
   * Every combination of alternative BaseURLs down to the Representation, resolved, primary
   * first (at most 64).
   */
  public static List<String> baseUrls(RepresentationContext context) {
    return bases(context).stream().map(Base::url).toList();
  }

  /** A resolved base and the sum of the availabilityTimeOffsets of the BaseURLs it used. */
  private record Base(String url, double availabilityTimeOffset) {}

  private static List<Base> bases(RepresentationContext context) {
    List<Base> bases = List.of(new Base(context.mpd().documentUrl().orElse(""), 0));
    for (List<BaseUrl> level : List.of(context.mpd().baseUrls(), context.period().baseUrls(),
        context.adaptationSet().baseUrls(), context.representation().baseUrls())) {
      if (level.isEmpty()) {
        continue;
      }
      List<Base> next = new ArrayList<>();
      for (Base b : bases) {
        for (BaseUrl u : level) {
          if (next.size() < MAX_BASE_URL_COMBINATIONS) {
            next.add(new Base(UriResolver.resolve(b.url, u.url()),
                b.availabilityTimeOffset + u.availabilityTimeOffset()));
          }
        }
      }
      bases = next;
    }
    return bases;
  }
}
