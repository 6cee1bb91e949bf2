package org.dmmedge.cache.range;

/**
 * A satisfiable byte range resolved against a representation length (RFC 9110 §14.1.2).
 *
 * @param offset first byte position
 * @param length number of bytes, at least 1
 * @param totalLength complete length of the representation
 */
public record ByteRange(long offset, long length, long totalLength) {

  /** Checks {@code 0 <= offset}, {@code 1 <= length} and that the range ends within the total. */
  public ByteRange {
    if (offset < 0 || length < 1 || offset + length > totalLength) {
      throw new IllegalArgumentException(
          "range: " + offset + "+" + length + " of " + totalLength
              + " (expected: 0 <= offset, 1 <= length, offset + length <= totalLength)");
    }
  }

  /** Last byte position (inclusive). */
  public long last() {
    return offset + length - 1;
  }

  /** The Content-Range value of a 206 (RFC 9110 §14.4): {@code bytes first-last/total}. */
  public String contentRange() {
    return "bytes " + offset + "-" + last() + "/" + totalLength;
  }

  /** The Content-Range value of a 416 (RFC 9110 §15.5.17): {@code bytes *}{@code /total}. */
  public static String unsatisfiedContentRange(long totalLength) {
    return "bytes */" + totalLength;
  }
}
