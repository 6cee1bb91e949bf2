package org.dmmedge.edge.prefetch;

import java.time.Instant;
import java.util.Objects;

/**
 * What one client was playing when last served a segment: enough for another node (the MAR a
 * mobile node moved to) to continue prefetching where it left off.
 *
 * @param mpdUrl the MPD's URL as the client fetched it
 * @param periodIndex the Period, by position in the MPD
 * @param representationId the Representation's {@code @id}
 * @param bandwidth the Representation's {@code @bandwidth} (bit/s)
 * @param lastSegmentUrl the last segment served to the client
 * @param lastSegmentNumber its number ({@code $Number$}, stable across live window moves)
 * @param servedAt when it was served
 */
public record PlaybackContext(
    String mpdUrl,
    int periodIndex,
    String representationId,
    long bandwidth,
    String lastSegmentUrl,
    long lastSegmentNumber,
    Instant servedAt) {
  public PlaybackContext {
    Objects.requireNonNull(mpdUrl, "mpdUrl");
    Objects.requireNonNull(representationId, "representationId");
    Objects.requireNonNull(lastSegmentUrl, "lastSegmentUrl");
    Objects.requireNonNull(servedAt, "servedAt");
  }
}
