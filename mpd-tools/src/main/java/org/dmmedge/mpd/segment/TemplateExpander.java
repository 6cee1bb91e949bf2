package org.dmmedge.mpd.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A compiled {@code SegmentTemplate} URL template (ISO/IEC 23009-1 §5.3.9.4.4, Table 16):
 * {@code $RepresentationID$}, {@code $Number$}, {@code $Time$}, {@code $Bandwidth$},
 * {@code $SubNumber$}, each (except RepresentationID) with an optional width format
 * {@code %0<width>d}, and {@code $$} for a literal dollar. Compiling once makes each expansion
 * a few appends. Immutable and thread-safe.
 */
public final class TemplateExpander {
  /** The identifiers of Table 16. */
  public enum Identifier {
    REPRESENTATION_ID("RepresentationID"),
    NUMBER("Number"),
    TIME("Time"),
    BANDWIDTH("Bandwidth"),
    SUB_NUMBER("SubNumber");

    private final String text;

    Identifier(String text) {
      this.text = text;
    }

    static Identifier of(String name) {
      for (Identifier id : values()) {
        if (id.text.equals(name)) {
          return id;
        }
      }
      return null;
    }
  }

  /** A literal run or a field; {@code width} 0 means "no padding". */
  record Part(String literal, Identifier field, int width) {}

  private static final char SENTINEL = '\u0000';
  private static final int MAX_WIDTH = 64;
  /** Digits of a value below 2^63 (more only as zero padding up to the width). */
  private static final int MAX_DIGITS = 19;
  /**
   * Bound on the backtracking steps of one {@link #match}: request URLs come from clients, and
   * adjacent fields would otherwise make matching exponential in the number of digits.
   */
  private static final int MATCH_BUDGET = 10_000;

  private final List<Part> parts;
  private final String text;

  private TemplateExpander(List<Part> parts, String text) {
    this.parts = List.copyOf(parts);
    this.text = text;
  }

  /**
   * Compiles a template.
   *
   * @throws IllegalArgumentException {@code "template (expected: ...)"} for an unknown
   *     identifier, an unterminated {@code $}, a bad format tag or a format on
   *     {@code $RepresentationID$}
   */
  public static TemplateExpander compile(String template) {
    Objects.requireNonNull(template, "template");
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$') {
        literal.append(c);
        i++;
        continue;
      }
      int end = template.indexOf('$', i + 1);
      if (end < 0) {
        throw new IllegalArgumentException(
            template + " (expected: every $ closed by another $, or $$ for a dollar)");
      }
      String body = template.substring(i + 1, end);
      i = end + 1;
      if (body.isEmpty()) {
        literal.append('$');
        continue;
      }
      int percent = body.indexOf('%');
      String name = percent < 0 ? body : body.substring(0, percent);
      Identifier id = Identifier.of(name);
      if (id == null) {
        throw new IllegalArgumentException(template + " (expected: identifiers among "
            + "RepresentationID, Number, Time, Bandwidth, SubNumber; found $" + body + "$)");
      }
      int width = percent < 0 ? 0 : width(template, body.substring(percent));
      if (id == Identifier.REPRESENTATION_ID && percent >= 0) {
        throw new IllegalArgumentException(
            template + " (expected: no format tag on $RepresentationID$)");
      }
      if (literal.length() > 0) {
        parts.add(new Part(literal.toString(), null, 0));
        literal.setLength(0);
      }
      parts.add(new Part(null, id, width));
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), null, 0));
    }
    return new TemplateExpander(parts, template);
  }

  private static int width(String template, String format) {
    // §5.3.9.4.4: the format tag is %0[width]d; a plain %d is accepted as width 0.
    if (format.length() >= 2 && format.endsWith("d")) {
      String digits = format.substring(1, format.length() - 1);
      if (digits.isEmpty()) {
        return 0;
      }
      if (digits.chars().allMatch(Character::isDigit) && digits.length() <= 3) {
        int width = Integer.parseInt(digits);
        if (width <= MAX_WIDTH) {
          return width;
        }
      }
    }
    throw new IllegalArgumentException(
        template + " (expected: format tag %0<width>d with width <= " + MAX_WIDTH + ")");
  }

  /** True when the template uses {@code id}. */
  public boolean uses(Identifier id) {
    for (Part p : parts) {
      if (p.field == id) {
        return true;
      }
    }
    return false;
  }

  /** Substitutes the per-Representation identifiers, leaving Number, Time and SubNumber. */
  public TemplateExpander bind(String representationId, long bandwidth) {
    List<Part> bound = new ArrayList<>(parts.size());
    StringBuilder literal = new StringBuilder();
    for (Part p : parts) {
      if (p.field == null) {
        literal.append(p.literal);
      } else if (p.field == Identifier.REPRESENTATION_ID) {
        literal.append(representationId);
      } else if (p.field == Identifier.BANDWIDTH) {
        appendPadded(literal, bandwidth, p.width);
      } else {
        if (literal.length() > 0) {
          bound.add(new Part(literal.toString(), null, 0));
          literal.setLength(0);
        }
        bound.add(p);
      }
    }
    if (literal.length() > 0) {
      bound.add(new Part(literal.toString(), null, 0));
    }
    return new TemplateExpander(bound, text);
  }

  /**
   * Resolves the template as a URI reference against {@code base} (RFC 3986), keeping its
   * fields, so every expansion is already absolute. Valid because substituted values are
   * digits or a RepresentationID bound before (no dot segments or delimiters appear later).
   */
  public TemplateExpander resolveAgainst(String base) {
    StringBuilder marked = new StringBuilder();
    List<Part> fields = new ArrayList<>();
    for (Part p : parts) {
      if (p.field == null) {
        marked.append(p.literal);
      } else {
        marked.append(SENTINEL).append((char) ('A' + fields.size())).append(SENTINEL);
        fields.add(p);
      }
    }
    String resolved = UriResolver.resolve(base, marked.toString());
    List<Part> out = new ArrayList<>();
    int start = 0;
    for (int i = resolved.indexOf(SENTINEL); i >= 0; i = resolved.indexOf(SENTINEL, start)) {
      if (i > start) {
        out.add(new Part(resolved.substring(start, i), null, 0));
      }
      out.add(fields.get(resolved.charAt(i + 1) - 'A'));
      start = i + 3;
    }
    if (start < resolved.length()) {
      out.add(new Part(resolved.substring(start), null, 0));
    }
    return new TemplateExpander(out, text);
  }

  /** Expands every identifier. */
  public String expand(
      String representationId, long bandwidth, long number, long time, long subNumber) {
    StringBuilder out = new StringBuilder(text.length() + 24);
    for (Part p : parts) {
      if (p.field == null) {
        out.append(p.literal);
        continue;
      }
      switch (p.field) {
        case REPRESENTATION_ID -> out.append(representationId);
        case NUMBER -> appendPadded(out, number, p.width);
        case TIME -> appendPadded(out, time, p.width);
        case BANDWIDTH -> appendPadded(out, bandwidth, p.width);
        case SUB_NUMBER -> appendPadded(out, subNumber, p.width);
        default -> throw new AssertionError(p.field);
      }
    }
    return out.toString();
  }

  /**
   * The values of Number and Time in {@code url}, if {@code url} is an expansion of this
   * template (usually one already {@link #bind bound} and {@link #resolveAgainst resolved}).
   * Fields match runs of digits; an identifier used twice must have one value.
   */
  public Optional<Match> match(String url) {
    long[] values = {-1, -1};
    int[] budget = {MATCH_BUDGET};
    return matchFrom(url, 0, 0, values, budget)
        ? Optional.of(new Match(optional(values[0]), optional(values[1])))
        : Optional.empty();
  }

  /** Values found by {@link #match}. */
  public record Match(OptionalLong number, OptionalLong time) {}

  private boolean matchFrom(String url, int at, int part, long[] values, int[] budget) {
    if (--budget[0] < 0) {
      return false;
    }
    if (part == parts.size()) {
      return at == url.length();
    }
    Part p = parts.get(part);
    if (p.field == null) {
      return url.startsWith(p.literal, at)
          && matchFrom(url, at + p.literal.length(), part + 1, values, budget);
    }
    int end = at;
    int longest = Math.max(MAX_DIGITS, p.width);
    while (end < url.length() && end - at < longest && Character.isDigit(url.charAt(end))) {
      end++;
    }
    // Longest run first, shorter ones when a literal of digits follows.
    for (int e = end; e > at; e--) {
      long value;
      try {
        value = Long.parseLong(url.substring(at, e));
      } catch (NumberFormatException tooLong) {
        continue;
      }
      int slot = p.field == Identifier.NUMBER ? 0 : p.field == Identifier.TIME ? 1 : -1;
      long saved = slot >= 0 ? values[slot] : -1;
      if (slot >= 0 && saved >= 0 && saved != value) {
        continue;
      }
      if (slot >= 0) {
        values[slot] = value;
      }
      if (matchFrom(url, e, part + 1, values, budget)) {
        return true;
      }
      if (slot >= 0) {
        values[slot] = saved;
      }
    }
    return false;
  }

  private static OptionalLong optional(long v) {
    return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
  }

  private static void appendPadded(StringBuilder out, long value, int width) {
    if (value < 0) {
      out.append('-');
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    for (int i = digits; i < width; i++) {
      out.append('0');
    }
    out.append(value);
  }

  /** The template as written. */
  @Override
  public String toString() {
    return text;
  }
}
