package org.dmmedge.origin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request to an origin.
 *
 * <p>{@code headers} are sent as given (the caller has already removed hop-by-hop headers);
 * {@code Content-Length} and {@code Transfer-Encoding} must not be among them: the framing of a
 * body comes from {@code body}. The body, when present, is streamed (see
 * {@link RequestBodyStream}).
 *
 * @param method the request method, any token (extension methods pass through)
 * @param target where to send it
 * @param pathAndQuery origin-form target, starting with {@code /} (or {@code *} for OPTIONS)
 * @param headers request headers in order (name, value)
 * @param body the streamed request body, empty for none
 */
public record OriginRequest(
    String method,
    OriginTarget target,
    String pathAndQuery,
    List<Map.Entry<String, String>> headers,
    Optional<RequestBodyStream> body) {

  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");
  private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding");

  public OriginRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    Objects.requireNonNull(body, "body");
    headers = List.copyOf(headers);
    if (method.isEmpty()) {
      throw new IllegalArgumentException("method: \"\" (expected: a token)");
    }
    if (!pathAndQuery.startsWith("/") && !pathAndQuery.equals("*")) {
      throw new IllegalArgumentException(
          "pathAndQuery: " + pathAndQuery + " (expected: starting with /)");
    }
    for (Map.Entry<String, String> h : headers) {
      if (FRAMING.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "headers: " + h.getKey() + " (expected: no framing headers; the body frames itself)");
      }
    }
  }

  /** A bodyless request. */
  public static OriginRequest of(
      String method, OriginTarget target, String pathAndQuery,
      List<Map.Entry<String, String>> headers) {
    return new OriginRequest(method, target, pathAndQuery, headers, Optional.empty());
  }

  /** RFC 9110 §9.2.2: the method may be repeated without a different outcome. */
  public boolean idempotent() {
    return IDEMPOTENT.contains(method);
  }
}
