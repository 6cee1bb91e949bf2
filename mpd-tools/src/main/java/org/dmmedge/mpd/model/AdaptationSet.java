package org.dmmedge.mpd.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code AdaptationSet} (§5.3.3): interchangeable Representations of one component (the
 * player switches between them).
 *
 * @param xlink the remote reference when the element was {@code xlink:href}-ed (not fetched)
 */
public record AdaptationSet(
    Optional<String> id,
    Optional<String> contentType,
    Optional<String> mimeType,
    Optional<String> lang,
    List<BaseUrl> baseUrls,
    List<Representation> representations,
    Optional<XLink> xlink) {
  public AdaptationSet {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(lang, "lang");
    baseUrls = List.copyOf(baseUrls);
    representations = List.copyOf(representations);
    Objects.requireNonNull(xlink, "xlink");
  }

  /**
   * The media type: {@code @contentType}, else the top-level type of {@code @mimeType} (of
   * this set or of its first Representation), else {@code "unknown"}.
   */
  public String kind() {
    if (contentType.isPresent()) {
      return contentType.get().toLowerCase(Locale.ROOT);
    }
    Optional<String> mime =
        mimeType.or(() -> representations.isEmpty()
            ? Optional.empty() : representations.get(0).mimeType());
    return mime.map(m -> m.contains("/") ? m.substring(0, m.indexOf('/')) : m)
        .map(m -> m.toLowerCase(Locale.ROOT))
        .orElse("unknown");
  }
}
