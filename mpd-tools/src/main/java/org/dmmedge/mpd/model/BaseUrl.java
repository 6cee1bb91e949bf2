package org.dmmedge.mpd.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code BaseURL} element (ISO/IEC 23009-1 §5.6). A level may carry several; they are
 * alternatives (other CDNs or locations) for the same content, the first is the primary.
 *
 * @param url the element text, trimmed, possibly relative
 * @param serviceLocation {@code @serviceLocation}, when present
 */
public record BaseUrl(String url, Optional<String> serviceLocation) {
  public BaseUrl {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(serviceLocation, "serviceLocation");
  }
}
