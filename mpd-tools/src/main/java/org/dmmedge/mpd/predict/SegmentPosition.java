package org.dmmedge.mpd.predict;

import java.util.Objects;
import org.dmmedge.mpd.model.RepresentationContext;
import org.dmmedge.mpd.segment.SegmentRef;

/**
 * Where a requested segment sits: its (MPD, Period, Representation), the BaseURL combination
 * its URL was made from, and the segment itself ({@link SegmentRef#number} is the stable
 * index: it does not move when a live window slides).
 */
public record SegmentPosition(RepresentationContext context, String baseUrl, SegmentRef segment) {
  public SegmentPosition {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(segment, "segment");
  }
}
