package org.dmmedge.mpd.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code SubRepresentation} (§5.3.6): a level inside the segments of a Representation (for
 * example the I-frames of a trick-mode track). It has no addressing of its own.
 */
public record SubRepresentation(
    OptionalLong level,
    List<Long> dependencyLevel,
    OptionalLong bandwidth,
    List<String> contentComponent,
    Optional<String> codecs,
    Optional<String> mimeType) {
  public SubRepresentation {
    Objects.requireNonNull(level, "level");
    dependencyLevel = List.copyOf(dependencyLevel);
    Objects.requireNonNull(bandwidth, "bandwidth");
    contentComponent = List.copyOf(contentComponent);
    Objects.requireNonNull(codecs, "codecs");
    Objects.requireNonNull(mimeType, "mimeType");
  }
}
