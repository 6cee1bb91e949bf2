package org.dmmedge.edge.mobility;

import java.time.Instant;
import java.util.Objects;

/**
 * What a client was playing when last seen here, handed to its next MAR (context transfer):
 * the MPD it fetched and the last media segment it asked for after it, as absolute URLs.
 *
 * @param mpdUrl the MPD
 * @param segmentUrl the last segment requested
 * @param at when that segment was requested
 */
public record PlaybackContext(String mpdUrl, String segmentUrl, Instant at) {
  public PlaybackContext {
    Objects.requireNonNull(mpdUrl, "mpdUrl");
    Objects.requireNonNull(segmentUrl, "segmentUrl");
    Objects.requireNonNull(at, "at");
  }
}
