package org.dmmedge.mpd.player;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One request of the emulated player.
 *
 * @param kind {@code "init"}, {@code "media"} (the adapted, video track) or {@code "audio"}
 * @param number segment number (0 for initialization segments)
 * @param status HTTP status, or 0 when the request failed without a response
 * @param xCache the {@code X-Cache} response header (HIT/MISS from an edge), when present
 * @param xServedBy the {@code X-Served-By} response header, when present
 * @param bufferAfter the buffer level once the segment was added
 */
public record SegmentDownload(
    String url,
    String kind,
    String representationId,
    long bandwidth,
    long number,
    long bytes,
    Duration downloadTime,
    int status,
    Optional<String> xCache,
    Optional<String> xServedBy,
    Duration bufferAfter) {
  public SegmentDownload {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(representationId, "representationId");
    Objects.requireNonNull(downloadTime, "downloadTime");
    Objects.requireNonNull(xCache, "xCache");
    Objects.requireNonNull(xServedBy, "xServedBy");
    Objects.requireNonNull(bufferAfter, "bufferAfter");
  }
}
