package org.dmmedge.cache.range;

/**
 * A {@code Range} field that is not a valid single byte-range set (RFC 9110 §14.1.1). A server
 * ignores such a field and sends the full response (§14.2), which is what
 * {@link RangeRequest#of} does; {@link RangeRequest#parse} throws this for callers that want to
 * log why.
 */
public final class RangeParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String value;

  /** A failure to parse {@code value}, with the reason. */
  public RangeParseException(String value, String reason) {
    super("Range: \"" + value + "\" (expected: " + reason + ")");
    this.value = value;
  }

  /** The field value that failed. */
  public String value() {
    return value;
  }
}
