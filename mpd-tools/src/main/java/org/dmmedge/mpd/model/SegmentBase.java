package org.dmmedge.mpd.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Single-segment addressing (§5.3.9.2): the whole Representation is the resource named by its
 * BaseURL, with an optional index ({@code sidx}) range and initialization range. A
 * Representation with no segment information at all is treated as a {@code SegmentBase} with
 * defaults (one segment: the BaseURL).
 */
public record SegmentBase(
    long timescale,
    long presentationTimeOffset,
    Optional<ByteRange> indexRange,
    Optional<UrlRange> initialization,
    Optional<UrlRange> representationIndex,
    double availabilityTimeOffset)
    implements SegmentInfo {
  public SegmentBase {
    Objects.requireNonNull(indexRange, "indexRange");
    Objects.requireNonNull(initialization, "initialization");
    Objects.requireNonNull(representationIndex, "representationIndex");
  }
}
