package org.dmmedge.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the test origin received it.
 *
 * @param method the request method
 * @param path the path (without query)
 * @param query the raw query, empty when none
 * @param headers the request headers in order (name, value)
 * @param body the request body bytes
 */
public record RecordedRequest(
    String method, String path, String query, List<Map.Entry<String, String>> headers,
    byte[] body) {

  public RecordedRequest {
    headers = List.copyOf(headers);
  }

  /** The first value of a header (case-insensitive name). */
  public Optional<String> header(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return headers.stream()
        .filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals(lower))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
