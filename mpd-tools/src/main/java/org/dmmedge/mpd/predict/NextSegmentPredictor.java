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
 * <p>Time. A dynamic MPD is enumerated at the clock's instant, so segments that are not
 * available yet are not predicted. Built once per MPD version (cheap: no segment is
 * enumerated up front); thread-safe.
 */
public final class NextSegmentPredictor {
  private final Mpd mpd;
  private final SegmentEnumerator enumerator;
  private final Clock clock;
  private final List<TemplateEntry> templates = new ArrayList<>();
  private final Map<String, ListEntry> listed = new HashMap<>();

  private record TemplateEntry(RepresentationContext context, String base,
      TemplateExpander media) {}

  private record ListEntry(RepresentationContext context, String base, int index) {}

  public NextSegmentPredictor(Mpd mpd, SegmentEnumerator enumerator, Clock clock) {
    this.mpd = Objects.requireNonNull(mpd, "mpd");
    this.enumerator = Objects.requireNonNull(enumerator, "enumerator");
    this.clock = Objects.requireNonNull(clock, "clock");
    mpd.representations().forEach(this::index);
  }

  private void index(RepresentationContext ctx) {
    Representation rep = ctx.representation();
    for (String base : SegmentEnumerator.baseUrls(ctx)) {
      if (rep.segmentInfo() instanceof SegmentTemplate st && st.media().isPresent()) {
        try {
          templates.add(new TemplateEntry(ctx, base, TemplateExpander.compile(st.media().get())
              .bind(rep.id(), rep.bandwidth()).resolveAgainst(base)));
        } catch (IllegalArgumentException e) {
          // An invalid template cannot name any request; mpd check reports it.
        }
      } else if (rep.segmentInfo() instanceof SegmentList sl) {
        for (int i = 0; i < sl.segmentUrls().size(); i++) {
          var u = sl.segmentUrls().get(i);
          String url = u.media().map(m -> UriResolver.resolve(base, m)).orElse(base);
          listed.putIfAbsent(key(url, u.mediaRange()), new ListEntry(ctx, base, i));
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
      SegmentSequence seq = sequence(t.context, t.base, now);
      if (seq == null) {
        continue;
      }
      OptionalLong i = m.get().number().isPresent()
          ? seq.indexOfNumber(m.get().number().getAsLong())
          : m.get().time().isPresent() ? seq.indexOfTime(m.get().time().getAsLong())
          : OptionalLong.empty();
      if (i.isPresent()) {
        return Optional.of(new SegmentPosition(t.context, t.base, seq.get(i.getAsLong())));
      }
    }
    ListEntry l = listed.get(key(url, range));
    if (l != null) {
      SegmentSequence seq = sequence(l.context, l.base, now);
      if (seq != null) {
        long startNumber = ((SegmentList) l.context.representation().segmentInfo()).startNumber();
        OptionalLong i = seq.indexOfNumber(startNumber + l.index);
        if (i.isPresent()) {
          return Optional.of(new SegmentPosition(l.context, l.base, seq.get(i.getAsLong())));
        }
      }
    }
    return Optional.empty();
  }

  /** Up to {@code count} segments after {@code position}, same Representation, in order. */
  public List<SegmentRef> next(SegmentPosition position, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
    }
    SegmentSequence seq = sequence(position.context(), position.baseUrl(),
        Optional.of(clock.instant()));
    List<SegmentRef> out = new ArrayList<>(count);
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
   * The segments playing just after the start of {@code position} in the Representations of the same
   * AdaptationSet with the next lower and the next higher bandwidth (where an ABR client
   * switches to), lower first.
   */
  public List<SegmentRef> neighbours(SegmentPosition position) {
    RepresentationContext ctx = position.context();
    List<Representation> byBandwidth = new ArrayList<>(ctx.adaptationSet().representations());
    byBandwidth.sort(Comparator.comparingLong(Representation::bandwidth));
    int at = byBandwidth.indexOf(ctx.representation());
    List<SegmentRef> out = new ArrayList<>(2);
    for (int n : new int[] {at - 1, at + 1}) {
      if (n < 0 || n >= byBandwidth.size()) {
        continue;
      }
      RepresentationContext other = new RepresentationContext(mpd, ctx.periodIndex(),
          ctx.period(), ctx.adaptationSet(), byBandwidth.get(n));
      SegmentSequence seq = sequence(other, SegmentEnumerator.baseUrl(other),
          Optional.of(clock.instant()));
      if (seq != null) {
        seq.firstEndingAfter(position.segment().start().plusNanos(1_000))
            .ifPresent(i -> out.add(seq.get(i)));
      }
    }
    return out;
  }

  private SegmentSequence sequence(RepresentationContext ctx, String base, Optional<Instant> at) {
    try {
      return enumerator.enumerate(ctx, at, base);
    } catch (SegmentEnumerationException e) {
      return null;
    }
  }
}
