package org.dmmedge.mpd.parse;

import java.util.Objects;

/**
 * One thing wrong with an MPD, located: {@code "line 12: SegmentTemplate@timescale: 0
 * (expected: > 0)"}.
 *
 * @param line 1-based line of the element's start tag (its last line when the tag spans
 *     several), 0 when unknown
 * @param element the element's name
 * @param attribute the attribute's name, empty when the problem is the element itself
 * @param value the offending value as written, empty when it is missing
 * @param expected what would have been valid
 */
public record Problem(int line, String element, String attribute, String value, String expected) {
  public Problem {
    Objects.requireNonNull(element, "element");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expected, "expected");
  }

  @Override
  public String toString() {
    String where = attribute.isEmpty() ? element : element + "@" + attribute;
    return "line " + line + ": " + where + ": " + (value.isEmpty() ? "(absent)" : value)
        + " (expected: " + expected + ")";
  }
}
