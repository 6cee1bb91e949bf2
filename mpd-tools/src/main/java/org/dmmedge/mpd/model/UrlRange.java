package org.dmmedge.mpd.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A URLType element ({@code Initialization}, {@code RepresentationIndex}; ISO/IEC 23009-1
 * §5.3.9.2.2): an optional URL and an optional byte range. Without {@code sourceURL} the
 * resource is the BaseURL of the Representation.
 */
public record UrlRange(Optional<String> sourceUrl, Optional<ByteRange> range) {
  public UrlRange {
    Objects.requireNonNull(sourceUrl, "sourceUrl");
    Objects.requireNonNull(range, "range");
  }
}
