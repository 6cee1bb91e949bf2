package org.dmmedge.mpd.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * List addressing (§5.3.9.3): explicit {@code SegmentURL}s, timed either by a constant
 * {@code @duration} or by a {@link SegmentTimeline}.
 */
public record SegmentList(
    long timescale,
    long presentationTimeOffset,
    OptionalLong duration,
    long startNumber,
    Optional<UrlRange> initialization,
    List<SegmentUrl> segmentUrls,
    Optional<SegmentTimeline> timeline,
    double availabilityTimeOffset)
    implements SegmentInfo {
  public SegmentList {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(initialization, "initialization");
    segmentUrls = List.copyOf(segmentUrls);
    Objects.requireNonNull(timeline, "timeline");
  }
}
