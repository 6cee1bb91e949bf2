package org.dmmedge.cache.range;

import java.util.Optional;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.policy.HttpDates;
import org.dmmedge.cache.policy.Validators;

/**
 * A parsed single byte-range request (RFC 9110 §14.1.1): {@code bytes=a-b}, {@code bytes=a-}
 * or {@code bytes=-n}, resolved against a length with {@link #resolve}.
 *
 * <p>Multiple ranges ({@code bytes=0-1,5-6}) are not served: the field is ignored and the full
 * response sent, which RFC 9110 §14.2 allows (a server may ignore Range). The same holds for
 * other units and malformed values.
 *
 * @param first first-pos, or -1 for a suffix range
 * @param last last-pos, or -1 when open ("a-") or for a suffix range
 * @param suffixLength suffix-length of "-n", or -1
 */
public record RangeRequest(long first, long last, long suffixLength) {

  /** The Range of a GET request, honouring If-Range against the stored response fields. */
  public static Optional<RangeRequest> of(Headers request, Headers stored) {
    String value = request.get("Range");
    if (value == null || !ifRangeHolds(request.get("If-Range"), stored)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(value));
    } catch (RangeParseException ignored) {
      return Optional.empty(); // §14.2: an invalid Range is ignored
    }
  }

  /** The Range of a request without a stored response to check If-Range against (a fill). */
  public static Optional<RangeRequest> of(Headers request) {
    return request.contains("If-Range") ? Optional.empty() : of(request, Headers.empty());
  }

  /**
   * Parses a Range field value.
   *
   * @throws RangeParseException unless it is one byte range in one of the three forms
   */
  public static RangeRequest parse(String value) {
    String trimmed = value.trim();
    if (!trimmed.regionMatches(true, 0, "bytes=", 0, 6)) {
      throw new RangeParseException(value, "the bytes unit");
    }
    String spec = trimmed.substring(6).trim();
    if (spec.indexOf(',') >= 0) {
      throw new RangeParseException(value, "a single range");
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      throw new RangeParseException(value, "first-last, first- or -suffix");
    }
    String firstText = spec.substring(0, dash).trim();
    String lastText = spec.substring(dash + 1).trim();
    if (firstText.isEmpty()) {
      return new RangeRequest(-1, -1, digits(value, lastText));
    }
    long first = digits(value, firstText);
    if (lastText.isEmpty()) {
      return new RangeRequest(first, -1, -1);
    }
    long last = digits(value, lastText);
    if (last < first) {
      throw new RangeParseException(value, "last-pos >= first-pos");
    }
    return new RangeRequest(first, last, -1);
  }

  /**
   * The bytes this range selects of a representation of {@code totalLength} bytes, or empty
   * when unsatisfiable (the edge answers 416 with
   * {@link ByteRange#unsatisfiedContentRange(long)}).
   */
  public Optional<ByteRange> resolve(long totalLength) {
    if (suffixLength >= 0) {
      if (suffixLength == 0 || totalLength == 0) {
        return Optional.empty();
      }
      long length = Math.min(suffixLength, totalLength);
      return Optional.of(new ByteRange(totalLength - length, length, totalLength));
    }
    if (first >= totalLength) {
      return Optional.empty();
    }
    long end = last < 0 ? totalLength - 1 : Math.min(last, totalLength - 1);
    return Optional.of(new ByteRange(first, end - first + 1, totalLength));
  }

  /**
   * If-Range (RFC 9110 §13.1.5): true when absent; an entity-tag must strongly match the stored
   * ETag; a date must equal the stored Last-Modified exactly.
   */
  public static boolean ifRangeHolds(String ifRange, Headers stored) {
    if (ifRange == null) {
      return true;
    }
    String condition = ifRange.trim();
    if (condition.startsWith("\"") || condition.startsWith("W/")) {
      String etag = stored.get("ETag");
      return etag != null && Validators.strongMatch(condition, etag.trim());
    }
    long date = HttpDates.parse(condition);
    long lastModified = HttpDates.parse(stored.get("Last-Modified"));
    return date != HttpDates.INVALID && date == lastModified;
  }

  private static long digits(String value, String text) {
    if (text.isEmpty() || text.length() > 18) {
      throw new RangeParseException(value, "byte positions of 1 to 18 digits");
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i)) || text.charAt(i) > '9') {
        throw new RangeParseException(value, "byte positions of decimal digits");
      }
    }
    return Long.parseLong(text);
  }
}
