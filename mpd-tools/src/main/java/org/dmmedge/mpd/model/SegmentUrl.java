package org.dmmedge.mpd.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code SegmentURL} of a {@link SegmentList} (§5.3.9.3.2). Without {@code @media} the
 * segment is the BaseURL of the Representation (usually with a {@code @mediaRange}).
 */
public record SegmentUrl(
    Optional<String> media,
    Optional<ByteRange> mediaRange,
    Optional<String> index,
    Optional<ByteRange> indexRange) {
  public SegmentUrl {
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(mediaRange, "mediaRange");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(indexRange, "indexRange");
  }
}
