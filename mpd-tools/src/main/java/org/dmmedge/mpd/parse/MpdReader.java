package org.dmmedge.mpd.parse;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dmmedge.mpd.model.AdaptationSet;
import org.dmmedge.mpd.model.BaseUrl;
import org.dmmedge.mpd.model.ByteRange;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.model.MpdType;
import org.dmmedge.mpd.model.Period;
import org.dmmedge.mpd.model.Representation;
import org.dmmedge.mpd.model.SegmentTimeline;
import org.dmmedge.mpd.model.SegmentUrl;
import org.dmmedge.mpd.model.SubRepresentation;
import org.dmmedge.mpd.model.UrlRange;
import org.dmmedge.mpd.model.XLink;
import org.dmmedge.mpd.segment.TemplateExpander;

/**
 * One parse: walks the StAX events element by element (recursive descent over the MPD
 * structure, unknown elements skipped whole), converting attributes as it goes and recording
 * problems. Not thread-safe; one instance per document.
 */
final class MpdReader {
  private static final String XLINK_NS = "http://www.w3.org/1999/xlink";
  private static final long UINT_MAX = 0xFFFF_FFFFL;

  private final XMLStreamReader xml;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();
  private String xlinkPrefix = "xlink";
  private String current = "XML";

  MpdReader(XMLStreamReader xml) {
    this.xml = xml;
  }

  /** Departures from the standard that were tolerated (what real players also accept). */
  List<Problem> warnings() {
    return warnings;
  }

  /** The element being read, for messages about XML errors. */
  String currentElement() {
    return current;
  }

  Mpd read(Optional<String> documentUrl) throws XMLStreamException {
    int event = xml.getEventType();
    while (event != XMLStreamConstants.START_ELEMENT) {
      rejectDtd(event);
      event = xml.next();
    }
    Attrs a = attrs();
    if (!a.element.equals("MPD")) {
      problems.add(new Problem(a.line, a.element, "", "", "the root element MPD"));
      throw new MpdParseException(problems);
    }
    for (int i = 0; i < a.names.length; i++) {
      if (a.names[i].startsWith("xmlns:") && a.values[i].equals(XLINK_NS)) {
        xlinkPrefix = a.names[i].substring("xmlns:".length());
      }
    }
    String typeText = a.string("type").orElse("static");
    MpdType type = switch (typeText) {
      case "static" -> MpdType.STATIC;
      case "dynamic" -> MpdType.DYNAMIC;
      default -> {
        a.problem("type", typeText, "static or dynamic");
        yield MpdType.STATIC;
      }
    };
    Optional<Duration> presentationDuration = a.duration("mediaPresentationDuration");
    Optional<Instant> ast = a.dateTime("availabilityStartTime");
    if (type == MpdType.DYNAMIC && ast.isEmpty()) {
      a.problem("availabilityStartTime", "", "present when MPD@type is dynamic");
    }
    Optional<Duration> minBufferTime = a.duration("minBufferTime");
    Optional<Instant> publishTime = a.dateTime("publishTime");
    Optional<Duration> tsbd = a.duration("timeShiftBufferDepth");
    Optional<Duration> mup = a.duration("minimumUpdatePeriod");
    Optional<Duration> spd = a.duration("suggestedPresentationDelay");
    Optional<Duration> msd = a.duration("maxSegmentDuration");
    List<BaseUrl> baseUrls = new ArrayList<>();
    List<String> locations = new ArrayList<>();
    List<PeriodDecl> periods = new ArrayList<>();
    children(name -> {
      switch (name) {
        case "BaseURL" -> baseUrls.add(baseUrl());
        case "Location" -> locations.add(xml.getElementText().trim());
        case "Period" -> period(periods);
        default -> skip();
      }
    });
    return new Mpd(documentUrl, a.string("id"), type, a.string("profiles"),
        presentationDuration, minBufferTime, ast, publishTime, tsbd, mup, spd, msd, baseUrls,
        locations, derivePeriods(periods, type, presentationDuration));
  }

  /** Finishes the parse: every problem recorded so far fails it. */
  private List<Period> derivePeriods(List<PeriodDecl> decls, MpdType type,
      Optional<Duration> presentationDuration) throws MpdParseException {
    int n = decls.size();
    Duration[] starts = new Duration[n];
    for (int i = 0; i < n; i++) {
      PeriodDecl p = decls.get(i);
      if (p.start != null) {
        starts[i] = p.start;
      } else if (i > 0 && starts[i - 1] != null && decls.get(i - 1).duration != null) {
        starts[i] = starts[i - 1].plus(decls.get(i - 1).duration);
      } else if (i == 0 && type == MpdType.STATIC) {
        starts[i] = Duration.ZERO;
      } else if (type == MpdType.STATIC) {
        problems.add(new Problem(p.line, "Period", "start", "",
            "@start, or @duration on the previous Period (ISO/IEC 23009-1 §5.3.2.1)"));
      }
    }
    List<Period> periods = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      PeriodDecl p = decls.get(i);
      Duration duration = p.duration;
      if (starts[i] != null) {
        if (i + 1 < n && starts[i + 1] != null) {
          duration = starts[i + 1].minus(starts[i]);
        } else if (i + 1 == n && presentationDuration.isPresent()
            && (p.duration == null || presentationDuration.get().compareTo(starts[i]) >= 0)) {
          duration = presentationDuration.get().minus(starts[i]);
        } else if (i + 1 == n && presentationDuration.isPresent()) {
          // Real MPDs (go-dash fixtures) declare a presentation shorter than the sum of their
          // Periods; then the last Period's own @duration is the better answer.
          warnings.add(new Problem(p.line, "Period", "start", starts[i].toString(),
              "before MPD@mediaPresentationDuration " + presentationDuration.get()));
        }
        if (duration != null && duration.isNegative()) {
          problems.add(new Problem(p.line, "Period", "start", starts[i].toString(),
              "a start before the next Period's start and the presentation end"));
          duration = Duration.ZERO;
        }
      }
      periods.add(new Period(Optional.ofNullable(p.id), Optional.ofNullable(starts[i]),
          Optional.ofNullable(duration), p.baseUrls, p.adaptationSets, Optional.ofNullable(p.xlink),
          p.line));
    }
    if (!problems.isEmpty()) {
      throw new MpdParseException(problems);
    }
    return periods;
  }

  private static final class PeriodDecl {
    String id;
    Duration start;
    Duration duration;
    XLink xlink;
    int line;
    final List<BaseUrl> baseUrls = new ArrayList<>();
    final List<AdaptationSet> adaptationSets = new ArrayList<>();
  }

  private void period(List<PeriodDecl> periods) throws XMLStreamException {
    Attrs a = attrs();
    PeriodDecl p = new PeriodDecl();
    p.line = a.line;
    p.id = a.string("id").orElse(null);
    p.start = a.duration("start").orElse(null);
    p.duration = a.duration("duration").orElse(null);
    p.xlink = a.xlink().orElse(null);
    SegmentDecl.Level level = new SegmentDecl.Level();
    List<SetDecl> sets = new ArrayList<>();
    children(name -> {
      switch (name) {
        case "BaseURL" -> p.baseUrls.add(baseUrl());
        case "SegmentBase", "SegmentList", "SegmentTemplate" -> level.put(segmentDecl(name));
        case "AdaptationSet" -> sets.add(adaptationSet());
        default -> skip();
      }
    });
    for (SetDecl set : sets) {
      if (set.xlink == null || !set.xlink.href().equals(XLink.RESOLVE_TO_ZERO)) {
        p.adaptationSets.add(set.build(level));
      }
    }
    if (p.xlink == null || !p.xlink.href().equals(XLink.RESOLVE_TO_ZERO)) {
      periods.add(p);
    }
  }

  /** An AdaptationSet whose Representations are built once the Period's levels are known. */
  private final class SetDecl {
    Attrs attrs;
    XLink xlink;
    final SegmentDecl.Level level = new SegmentDecl.Level();
    final List<BaseUrl> baseUrls = new ArrayList<>();
    final List<RepDecl> reps = new ArrayList<>();

    AdaptationSet build(SegmentDecl.Level periodLevel) {
      List<Representation> built = new ArrayList<>(reps.size());
      for (RepDecl r : reps) {
        built.add(r.build(periodLevel, this));
      }
      return new AdaptationSet(attrs.string("id"), attrs.string("contentType"),
          attrs.string("mimeType"), attrs.string("lang"), baseUrls, built,
          Optional.ofNullable(xlink));
    }
  }

  private SetDecl adaptationSet() throws XMLStreamException {
    SetDecl set = new SetDecl();
    set.attrs = attrs();
    set.xlink = set.attrs.xlink().orElse(null);
    children(name -> {
      switch (name) {
        case "BaseURL" -> set.baseUrls.add(baseUrl());
        case "SegmentBase", "SegmentList", "SegmentTemplate" -> set.level.put(segmentDecl(name));
        case "Representation" -> set.reps.add(representation());
        default -> skip();
      }
    });
    return set;
  }

  private final class RepDecl {
    Attrs attrs;
    final SegmentDecl.Level level = new SegmentDecl.Level();
    final List<BaseUrl> baseUrls = new ArrayList<>();
    final List<SubRepresentation> subs = new ArrayList<>();

    Representation build(SegmentDecl.Level periodLevel, SetDecl set) {
      Attrs s = set.attrs;
      // @id and @bandwidth are mandatory, but real MPDs omit them and players cope: an
      // absent id is "" (it only matters to $RepresentationID$), an absent bandwidth is 0.
      Optional<String> id = attrs.string("id");
      OptionalLong bandwidth = attrs.unsigned("bandwidth", 0, Long.MAX_VALUE);
      if (id.isEmpty()) {
        warnings.add(new Problem(attrs.line, "Representation", "id", "", "an identifier"));
      }
      if (attrs.get("bandwidth") == null) {
        warnings.add(new Problem(attrs.line, "Representation", "bandwidth", "",
            "bits per second"));
      }
      return new Representation(id.orElse(""), bandwidth.orElse(0),
          attrs.integer("width").isPresent() ? attrs.integer("width") : s.integer("width"),
          attrs.integer("height").isPresent() ? attrs.integer("height") : s.integer("height"),
          attrs.string("frameRate").or(() -> s.string("frameRate")),
          attrs.string("mimeType").or(() -> s.string("mimeType")),
          attrs.string("codecs").or(() -> s.string("codecs")),
          attrs.string("audioSamplingRate").or(() -> s.string("audioSamplingRate")),
          baseUrls,
          Inheritance.resolve(List.of(periodLevel, set.level, level), problems, attrs.line),
          subs, attrs.line);
    }
  }

  private RepDecl representation() throws XMLStreamException {
    RepDecl rep = new RepDecl();
    rep.attrs = attrs();
    children(name -> {
      switch (name) {
        case "BaseURL" -> rep.baseUrls.add(baseUrl());
        case "SegmentBase", "SegmentList", "SegmentTemplate" -> rep.level.put(segmentDecl(name));
        case "SubRepresentation" -> rep.subs.add(subRepresentation());
        default -> skip();
      }
    });
    return rep;
  }

  private SubRepresentation subRepresentation() throws XMLStreamException {
    Attrs a = attrs();
    List<Long> dependency = new ArrayList<>();
    for (String v : a.string("dependencyLevel").map(s -> s.trim().split("\\s+")).orElse(new String[0])) {
      try {
        dependency.add(Long.parseUnsignedLong(v));
      } catch (NumberFormatException e) {
        a.problem("dependencyLevel", v, "unsigned integers separated by spaces");
      }
    }
    skip();
    return new SubRepresentation(a.unsigned("level", 0, UINT_MAX), dependency,
        a.unsigned("bandwidth", 0, Long.MAX_VALUE),
        a.string("contentComponent").map(s -> List.of(s.trim().split("\\s+"))).orElse(List.of()),
        a.string("codecs"), a.string("mimeType"));
  }

  private SegmentDecl segmentDecl(String name) throws XMLStreamException {
    Attrs a = attrs();
    SegmentDecl d = new SegmentDecl(SegmentDecl.Kind.valueOf(switch (name) {
      case "SegmentBase" -> "BASE";
      case "SegmentList" -> "LIST";
      default -> "TEMPLATE";
    }), a.line);
    d.timescale = box(a.unsigned("timescale", 1, UINT_MAX));
    d.presentationTimeOffset = box(a.unsigned("presentationTimeOffset", 0, Long.MAX_VALUE));
    d.indexRange = a.byteRange("indexRange").orElse(null);
    if (a.get("availabilityTimeOffset") != null) {
      d.availabilityTimeOffset = a.offset("availabilityTimeOffset");
    }
    if (d.kind != SegmentDecl.Kind.BASE) {
      d.duration = box(a.unsigned("duration", 1, UINT_MAX));
      d.startNumber = box(a.unsigned("startNumber", 0, UINT_MAX));
    }
    if (d.kind == SegmentDecl.Kind.TEMPLATE) {
      d.endNumber = box(a.unsigned("endNumber", 0, UINT_MAX));
      d.media = a.template("media").orElse(null);
      d.index = a.template("index").orElse(null);
      d.initialization = a.template("initialization").orElse(null);
    }
    children(child -> {
      switch (child) {
        case "Initialization" -> d.initializationElement = urlRange();
        case "RepresentationIndex" -> d.representationIndex = urlRange();
        case "SegmentTimeline" -> d.timeline = timeline();
        case "SegmentURL" -> {
          if (d.segmentUrls == null) {
            d.segmentUrls = new ArrayList<>();
          }
          d.segmentUrls.add(segmentUrl());
        }
        default -> skip();
      }
    });
    return d;
  }

  private List<SegmentTimeline.Entry> timeline() throws XMLStreamException {
    List<SegmentTimeline.Entry> entries = new ArrayList<>();
    children(name -> {
      if (!name.equals("S")) {
        skip();
        return;
      }
      Attrs a = attrs();
      OptionalLong t = a.unsigned("t", 0, Long.MAX_VALUE);
      OptionalLong d = a.unsigned("d", 1, Long.MAX_VALUE);
      OptionalLong r = a.signed("r", -1, Long.MAX_VALUE);
      if (d.isEmpty() && a.get("d") == null) {
        a.problem("d", "", "a duration in ticks > 0");
      }
      if (d.isPresent()) {
        entries.add(new SegmentTimeline.Entry(t, d.getAsLong(), r.orElse(0)));
      }
      skip();
    });
    return entries;
  }

  private SegmentUrl segmentUrl() throws XMLStreamException {
    Attrs a = attrs();
    skip();
    return new SegmentUrl(a.string("media"), a.byteRange("mediaRange"), a.string("index"),
        a.byteRange("indexRange"));
  }

  private UrlRange urlRange() throws XMLStreamException {
    Attrs a = attrs();
    skip();
    return new UrlRange(a.string("sourceURL"), a.byteRange("range"));
  }

  private BaseUrl baseUrl() throws XMLStreamException {
    Attrs a = attrs();
    String text = xml.getElementText().trim();
    if (text.isEmpty()) {
      a.problem("", "", "a URL as the element text");
    }
    return new BaseUrl(text, a.string("serviceLocation"), a.offset("availabilityTimeOffset"));
  }

  // ---- StAX plumbing ----

  @FunctionalInterface
  private interface ChildHandler {
    void handle(String name) throws XMLStreamException;
  }

  /** Calls {@code handler} for each child element; the handler consumes the child. */
  private void children(ChildHandler handler) throws XMLStreamException {
    String parent = current;
    while (true) {
      int event = xml.next();
      rejectDtd(event);
      if (event == XMLStreamConstants.START_ELEMENT) {
        current = localName(xml.getLocalName());
        handler.handle(current);
        current = parent;
      } else if (event == XMLStreamConstants.END_ELEMENT
          || event == XMLStreamConstants.END_DOCUMENT) {
        return;
      }
    }
  }

  /** Skips the rest of the current element, whatever it contains. */
  private void skip() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      rejectDtd(event);
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.END_DOCUMENT) {
        return;
      }
    }
  }

  private void rejectDtd(int event) throws XMLStreamException {
    if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
      problems.add(new Problem(xml.getLocation().getLineNumber(), "DOCTYPE", "", "",
          "no DTD or entity declarations in an MPD (they are refused: XXE, entity expansion)"));
      throw new MpdParseException(problems);
    }
  }

  private static String localName(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }

  private Attrs attrs() {
    int n = xml.getAttributeCount();
    String[] names = new String[n];
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      String prefix = xml.getAttributePrefix(i);
      String local = xml.getAttributeLocalName(i);
      names[i] = prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
      values[i] = xml.getAttributeValue(i);
    }
    current = localName(xml.getLocalName());
    return new Attrs(current, xml.getLocation().getLineNumber(), names, values);
  }

  private static Long box(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }

  /** The attributes of one element, converted on demand; bad values become problems. */
  private final class Attrs {
    final String element;
    final int line;
    final String[] names;
    final String[] values;

    Attrs(String element, int line, String[] names, String[] values) {
      this.element = element;
      this.line = line;
      this.names = names;
      this.values = values;
    }

    /** The value of an attribute, or null (elements have a handful: a scan beats a map). */
    String get(String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return values[i];
        }
      }
      return null;
    }

    void problem(String attribute, String value, String expected) {
      problems.add(new Problem(line, element, attribute, value, expected));
    }

    Optional<String> string(String name) {
      return Optional.ofNullable(get(name));
    }

    OptionalLong unsigned(String name, long min, long max) {
      return signed(name, min, max);
    }

    OptionalLong signed(String name, long min, long max) {
      String v = get(name);
      if (v == null) {
        return OptionalLong.empty();
      }
      String expected = "an integer in " + min + ".." + max;
      try {
        long n = Long.parseLong(v.trim());
        if (n >= min && n <= max) {
          return OptionalLong.of(n);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(name, v, expected);
      return OptionalLong.empty();
    }

    OptionalInt integer(String name) {
      OptionalLong v = unsigned(name, 0, Integer.MAX_VALUE);
      return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    Optional<Duration> duration(String name) {
      String v = get(name);
      if (v == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(XsDuration.parse(v));
      } catch (IllegalArgumentException e) {
        problem(name, v, "xs:duration such as PT2S or P1DT1H");
        return Optional.empty();
      }
    }

    Optional<Instant> dateTime(String name) {
      String v = get(name);
      if (v == null) {
        return Optional.empty();
      }
      try {
        TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(v.trim(),
            OffsetDateTime::from, LocalDateTime::from);
        // xs:dateTime without a zone: taken as UTC, as the DASH-IF guidelines require.
        return Optional.of(t instanceof OffsetDateTime o ? o.toInstant()
            : ((LocalDateTime) t).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        problem(name, v, "xs:dateTime such as 2024-01-01T00:00:00Z");
        return Optional.empty();
      }
    }

    /** A non-negative xs:double of seconds or {@code INF}; 0 when absent or bad. */
    double offset(String name) {
      String v = get(name);
      if (v == null) {
        return 0;
      }
      if (v.trim().equals("INF")) {
        return Double.POSITIVE_INFINITY;
      }
      try {
        double d = Double.parseDouble(v.trim());
        if (d >= 0 && !Double.isNaN(d) && !Double.isInfinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(name, v, "seconds >= 0 or INF");
      return 0;
    }

    Optional<ByteRange> byteRange(String name) {
      String v = get(name);
      if (v == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(ByteRange.parse(v));
      } catch (IllegalArgumentException e) {
        problem(name, v, "a byte range first-last");
        return Optional.empty();
      }
    }

    Optional<String> template(String name) {
      String v = get(name);
      if (v != null) {
        try {
          TemplateExpander.compile(v);
        } catch (IllegalArgumentException e) {
          String m = e.getMessage();
          problem(name, v, m.substring(m.indexOf("(expected: ") + 11, m.length() - 1));
        }
      }
      return Optional.ofNullable(v);
    }

    Optional<XLink> xlink() {
      String href = get(xlinkPrefix + ":href");
      if (href == null) {
        return Optional.empty();
      }
      return Optional.of(new XLink(href.trim(),
          Optional.ofNullable(get(xlinkPrefix + ":actuate")).orElse("onRequest")));
    }
  }
}
