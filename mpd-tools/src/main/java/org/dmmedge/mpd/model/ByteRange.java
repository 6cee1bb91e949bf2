package org.dmmedge.mpd.model;

/**
 * A byte range as used by {@code @mediaRange}, {@code @indexRange} and {@code @range}
 * (RFC 9110 §14.1.2 byte-range-spec: {@code first-last}, both inclusive, or {@code first-}).
 *
 * @param first first byte offset, {@code >= 0}
 * @param last last byte offset (inclusive), or {@link #OPEN} for "to the end of the resource"
 */
public record ByteRange(long first, long last) {
  /** {@link #last} of a range that runs to the end of the resource. */
  public static final long OPEN = -1;

  public ByteRange {
    if (first < 0) {
      throw new IllegalArgumentException("first: " + first + " (expected: >= 0)");
    }
    if (last != OPEN && last < first) {
      throw new IllegalArgumentException("last: " + last + " (expected: >= first " + first + ")");
    }
  }

  /**
   * Parses {@code "first-last"} or {@code "first-"}.
   *
   * @throws IllegalArgumentException naming the text when it is not such a range
   */
  public static ByteRange parse(String text) {
    int dash = text.indexOf('-');
    if (dash <= 0) {
      throw new IllegalArgumentException(text + " (expected: first-last)");
    }
    try {
      long first = Long.parseLong(text.substring(0, dash).trim());
      String tail = text.substring(dash + 1).trim();
      long last = tail.isEmpty() ? OPEN : Long.parseLong(tail);
      if (first < 0 || (last != OPEN && last < first)) {
        throw new IllegalArgumentException(text + " (expected: first-last with 0 <= first <= last)");
      }
      return new ByteRange(first, last);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(text + " (expected: first-last)", e);
    }
  }

  /** The value of an HTTP {@code Range} header for this range. */
  public String toHttpRange() {
    return "bytes=" + this;
  }

  @Override
  public String toString() {
    return last == OPEN ? first + "-" : first + "-" + last;
  }
}
