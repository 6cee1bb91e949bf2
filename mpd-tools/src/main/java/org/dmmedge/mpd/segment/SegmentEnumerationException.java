package org.dmmedge.mpd.segment;

import org.dmmedge.mpd.MpdException;

/**
 * The segments of a Representation cannot be listed: the addressing is incomplete (no period
 * end for a duration-based template), inconsistent (overlapping timeline), overflows 64-bit
 * media time, or would yield more segments than the configured bound. The message names the
 * Representation, the element and the value.
 */
public final class SegmentEnumerationException extends MpdException {
  public SegmentEnumerationException(String message) {
    super(message);
  }
}
