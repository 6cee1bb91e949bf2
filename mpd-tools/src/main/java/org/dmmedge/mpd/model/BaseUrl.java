package org.dmmedge.mpd.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code BaseURL} element (ISO/IEC 23009-1 §5.6). A level may carry several; they are
 * alternatives (other CDNs or locations) for the same content, the first is the primary.
 *
 * @param url the element text, trimmed, possibly relative
 * @param serviceLocation {@code @serviceLocation}, when present
 * @param availabilityTimeOffset {@code @availabilityTimeOffset} in seconds (0 when absent,
 *     infinite for {@code INF}); offsets of the levels used add up (§5.3.9.5.3)
 */
public record BaseUrl(String url, Optional<String> serviceLocation, double availabilityTimeOffset) {
  public BaseUrl {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(serviceLocation, "serviceLocation");
    if (!(availabilityTimeOffset >= 0)) {
      throw new IllegalArgumentException(
          "availabilityTimeOffset: " + availabilityTimeOffset + " (expected: >= 0)");
    }
  }
}
