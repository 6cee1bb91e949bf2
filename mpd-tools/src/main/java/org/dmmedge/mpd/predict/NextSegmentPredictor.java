package org.dmmedge.mpd.predict;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.dmmedge.mpd.model.ByteRange;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.model.Representation;
import org.dmmedge.mpd.model.RepresentationContext;
import org.dmmedge.mpd.model.SegmentList;
import org.dmmedge.mpd.model.SegmentTemplate;
import org.dmmedge.mpd.segment.SegmentEnumerationException;
import org.dmmedge.mpd.segment.PreparedSegments;
import org.dmmedge.mpd.segment.SegmentEnumerator;
import org.dmmedge.mpd.segment.SegmentRef;
import org.dmmedge.mpd.segment.SegmentSequence;
import org.dmmedge.mpd.segment.TemplateExpander;
import org.dmmedge.mpd.segment.UriResolver;

/**
 * Predicts the next requests of a DASH client from one segment request: finds the segment in
 * the MPD ({@link #locate}), then lists the following segments of the same Representation
 * ({@link #next}) and, for ABR switches, the segment at the same time in the Representations
 * of neighbouring bandwidth ({@link #neighbours}).
 *
 * <p>Matching. Template URLs are matched against each Representation's media template,
 * already resolved through every BaseURL alternative (so {@code $Number$} or {@code $Time$}
 * is read back from the URL, no segment list is built); SegmentList URLs (with their byte
 * range) by a map built once. Single-segment Representations (SegmentBase) have no next
 * segment and are not matched. Give URLs without the CMCD query parameter
 * ({@link Cmcd#stripQueryParameter}).
 *
 * <p>Cost. Built once per MPD version: every Representation is prepared up front (templates
 * resolved, timelines turned into runs; nothing per segment). A request then costs a template
 * match per Representation and a few binary searches. Windows are unbounded (a live MPD
 * without {@code timeShiftBufferDepth} whose availabilityStartTime is years ago still
 * predicts); nothing is listed, so size costs nothing.
 *
 * <p>Time. A dynamic MPD is windowed at the clock's instant, so segments that are not
 * available yet are not predicted. Immutable after construction; thread-safe.
 */
public final class NextSegmentPredictor {
  private final Mpd mpd;
  /** Unbounded: windows are only read around one segment, never listed. */
  private final SegmentEnumerator enumerator = new SegmentEnumerator(Long.MAX_VALUE);
  private final Clock clock;
  private final List<TemplateEntry> templates = new ArrayList<>();
  private final Map<String, ListEntry> listed = new HashMap<>();

  /** One Representation reached through one BaseURL combination. */
  private record Prepared(RepresentationContext context, String base, PreparedSegments segments) {}

  private record TemplateEntry(Prepared prepared, TemplateExpander media) {}

  private record ListEntry(Prepared prepared, int index) {}

  private final List<Prepared> prepared = new ArrayList<>();

  /**
   * @param mpd the MPD, parsed with the URL it was fetched from (URLs must be absolute)
   * @param clock the wall clock (live windows are taken at its instant)
   */
  public NextSegmentPredictor(Mpd mpd, Clock clock) {
    this.mpd = Objects.requireNonNull(mpd, "mpd");
    this.clock = Objects.requireNonNull(clock, "clock");
    mpd.representations().forEach(this::index);
  }

  private void index(RepresentationContext ctx) {
    Representation rep = ctx.representation();
    for (String base : SegmentEnumerator.baseUrls(ctx)) {
      Prepared p;
      try {
        p = new Prepared(ctx, base, enumerator.prepare(ctx, base));
      } catch (SegmentEnumerationException e) {
        continue; // unusable addressing names no request; mpd check reports it
      }
      prepared.add(p);
      if (rep.segmentInfo() instanceof SegmentTemplate st && st.media().isPresent()) {
        templates.add(new TemplateEntry(p, TemplateExpander.compile(st.media().get())
            .bind(rep.id(), rep.bandwidth()).resolveAgainst(base)));
      } else if (rep.segmentInfo() instanceof SegmentList sl) {
        for (int i = 0; i < sl.segmentUrls().size(); i++) {
          var u = sl.segmentUrls().get(i);
          String url = u.media().map(m -> UriResolver.resolve(base, m)).orElse(base);
          listed.putIfAbsent(key(url, u.mediaRange()), new ListEntry(p, i));
        }
      }
    }
  }

  private static String key(String url, Optional<ByteRange> range) {
    return range.map(r -> url + " " + r).orElse(url);
  }

  public Mpd mpd() {
    return mpd;
  }

  /**
   * Finds the segment named by an absolute URL (and the byte range requested, for
   * SegmentLists addressed by range).
   */
  public Optional<SegmentPosition> locate(String url, Optional<ByteRange> range) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(range, "range");
    Optional<Instant> now = Optional.of(clock.instant());
    for (TemplateEntry t : templates) {
      Optional<TemplateExpander.Match> m = t.media.match(url);
      if (m.isEmpty()) {
        continue;
      }
      SegmentSequence seq = window(t.prepared, now);
      if (seq == null) {
        continue;
      }
      OptionalLong i = m.get().number().isPresent()
          ? seq.indexOfNumber(m.get().number().getAsLong())
          : m.get().time().isPresent() ? seq.indexOfTime(m.get().time().getAsLong())
          : OptionalLong.empty();
      if (i.isPresent()) {
        return Optional.of(position(t.prepared, seq.get(i.getAsLong())));
      }
    }
    ListEntry l = listed.get(key(url, range));
    if (l != null) {
      SegmentSequence seq = window(l.prepared, now);
      long startNumber =
          ((SegmentList) l.prepared.context().representation().segmentInfo()).startNumber();
      OptionalLong i = seq == null ? OptionalLong.empty()
          : seq.indexOfNumber(startNumber + l.index);
      if (i.isPresent()) {
        return Optional.of(position(l.prepared, seq.get(i.getAsLong())));
      }
    }
    return Optional.empty();
  }

  private static SegmentPosition position(Prepared p, SegmentRef segment) {
    return new SegmentPosition(p.context(), p.base(), segment);
  }

  /** Up to {@code count} segments after {@code position}, same Representation, in order. */
  public List<SegmentRef> next(SegmentPosition position, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
    }
    List<SegmentRef> out = new ArrayList<>(Math.min(count, 16));
    Optional<Prepared> p = find(position.context(), position.baseUrl());
    SegmentSequence seq = p.isEmpty() ? null : window(p.get(), Optional.of(clock.instant()));
    if (seq == null) {
      return out;
    }
    OptionalLong i = seq.indexOfNumber(position.segment().number());
    if (i.isEmpty()) {
      return out;
    }
    for (long k = i.getAsLong() + 1; k < seq.size() && out.size() < count; k++) {
      out.add(seq.get(k));
    }
    return out;
  }

  /**
   * The segments playing just after the start of {@code position} in the Representations of
   * the same AdaptationSet with the next lower and the next higher bandwidth (where an ABR
   * client switches to), lower first, through the same BaseURLs where they exist.
   */
  public List<SegmentRef> neighbours(SegmentPosition position) {
    RepresentationContext ctx = position.context();
    List<Representation> byBandwidth = new ArrayList<>(ctx.adaptationSet().representations());
    byBandwidth.sort(Comparator.comparingLong(Representation::bandwidth));
    int at = byBandwidth.indexOf(ctx.representation());
    List<SegmentRef> out = new ArrayList<>(2);
    Optional<Instant> now = Optional.of(clock.instant());
    for (int n : new int[] {at - 1, at + 1}) {
      if (n < 0 || n >= byBandwidth.size()) {
        continue;
      }
      Representation other = byBandwidth.get(n);
      Optional<Prepared> p = prepared.stream()
          .filter(e -> e.context().periodIndex() == ctx.periodIndex()
              && e.context().adaptationSet() == ctx.adaptationSet()
              && e.context().representation() == other)
          .min(Comparator.comparing(e -> !e.base().equals(position.baseUrl())));
      SegmentSequence seq = p.isEmpty() ? null : window(p.get(), now);
      if (seq != null) {
        seq.firstEndingAfter(position.segment().start().plusNanos(1_000))
            .ifPresent(i -> out.add(seq.get(i)));
      }
    }
    return out;
  }

  private Optional<Prepared> find(RepresentationContext ctx, String base) {
    return prepared.stream()
        .filter(e -> e.context().periodIndex() == ctx.periodIndex()
            && e.context().representation() == ctx.representation() && e.base().equals(base))
        .findFirst();
  }

  private static SegmentSequence window(Prepared p, Optional<Instant> now) {
    try {
      return p.segments().at(now);
    } catch (SegmentEnumerationException e) {
      return null;
    }
  }
}
