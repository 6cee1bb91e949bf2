package org.dmmedge.mpd.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The time-shift window of a dynamic MPD at one wall-clock instant (§5.3.9.5): segments whose
 * presentation lies in {@code [start, liveEdge]} are available.
 *
 * @param start the oldest available presentation instant: {@code liveEdge -
 *     timeShiftBufferDepth}, not before {@code availabilityStartTime}
 * @param liveEdge the instant asked about (segments ending after it are not yet available)
 * @param playbackPoint where a player should play: {@code liveEdge -
 *     suggestedPresentationDelay} (or {@code minBufferTime} when no delay is suggested), not
 *     before {@code start}
 */
public record LiveWindow(Instant start, Instant liveEdge, Instant playbackPoint) {
  public LiveWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(liveEdge, "liveEdge");
    Objects.requireNonNull(playbackPoint, "playbackPoint");
  }
}
