package org.dmmedge.mpd;

/**
 * Base of the unchecked exceptions of mpd-tools: a manifest that cannot be read
 * ({@code MpdParseException}) or whose segments cannot be listed
 * ({@code SegmentEnumerationException}). Messages follow the project's shape
 * {@code "what: value (expected: ...)"}.
 */
public class MpdException extends RuntimeException {
  public MpdException(String message) {
    super(message);
  }

  public MpdException(String message, Throwable cause) {
    super(message, cause);
  }
}
