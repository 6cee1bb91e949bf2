package org.dmmedge.origin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status line and headers of an origin response.
 *
 * @param status the status code
 * @param protocol the protocol the origin spoke, e.g. {@code HTTP/1.1} or {@code HTTP/2.0}
 * @param headers response headers in order (name, value), as the origin sent them
 * @param hasBody false when the response can have no body (HEAD, 204, 304)
 */
public record OriginResponseHead(
    int status, String protocol, List<Map.Entry<String, String>> headers, boolean hasBody) {

  public OriginResponseHead {
    headers = List.copyOf(headers);
  }

  /** The first value of a header (case-insensitive name). */
  public Optional<String> header(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of(h.getValue());
      }
    }
    return Optional.empty();
  }
}
