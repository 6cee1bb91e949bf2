package org.dmmedge.mpd.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code Representation} (§5.3.5): one encoding of the content. Common attributes absent here
 * but present on the AdaptationSet ({@code mimeType}, {@code codecs}, {@code width}...) are
 * already inherited; {@link #segmentInfo} is the merged, effective addressing.
 *
 * @param id {@code @id} (required by the standard; the parser reports its absence)
 * @param bandwidth {@code @bandwidth} in bits per second
 * @param baseUrls this level's {@code BaseURL}s only (resolution walks every level)
 * @param line the line of the element in the document, for messages
 */
public record Representation(
    String id,
    long bandwidth,
    OptionalInt width,
    OptionalInt height,
    Optional<String> frameRate,
    Optional<String> mimeType,
    Optional<String> codecs,
    Optional<String> audioSamplingRate,
    List<BaseUrl> baseUrls,
    SegmentInfo segmentInfo,
    List<SubRepresentation> subRepresentations,
    int line) {
  public Representation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(width, "width");
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(frameRate, "frameRate");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(codecs, "codecs");
    Objects.requireNonNull(audioSamplingRate, "audioSamplingRate");
    baseUrls = List.copyOf(baseUrls);
    Objects.requireNonNull(segmentInfo, "segmentInfo");
    subRepresentations = List.copyOf(subRepresentations);
  }
}
