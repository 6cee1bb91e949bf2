package org.dmmedge.mpd.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Template addressing (§5.3.9.4): URLs built from {@code @media} by substituting
 * {@code $Number$}, {@code $Time$}, {@code $RepresentationID$}, {@code $Bandwidth$},
 * {@code $SubNumber$} and {@code $$}; segments timed by {@code @duration} or a
 * {@link SegmentTimeline} (neither: exactly one segment).
 */
public record SegmentTemplate(
    Optional<String> media,
    Optional<String> initialization,
    Optional<String> index,
    long timescale,
    long presentationTimeOffset,
    OptionalLong duration,
    long startNumber,
    OptionalLong endNumber,
    Optional<SegmentTimeline> timeline,
    Optional<UrlRange> initializationElement,
    double availabilityTimeOffset)
    implements SegmentInfo {
  public SegmentTemplate {
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(initialization, "initialization");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(endNumber, "endNumber");
    Objects.requireNonNull(timeline, "timeline");
    Objects.requireNonNull(initializationElement, "initializationElement");
  }
}
