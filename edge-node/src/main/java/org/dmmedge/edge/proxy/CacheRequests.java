package org.dmmedge.edge.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.Headers;
import org.dmmedge.edge.server.Route;
import org.dmmedge.mpd.predict.Cmcd;

/** Conversions between Netty requests, origin header lists and the cache's types. */
final class CacheRequests {
  /** Client fields a fill must not forward: it fetches the whole, unconditional object. */
  static final Set<String> FILL_DROPS = Set.of("range", "if-range", "if-none-match",
      "if-modified-since", "if-match", "if-unmodified-since");

  private CacheRequests() {}

  /**
   * The cache's view of a request: method, the client's scheme and authority, headers. The
   * CMCD query parameter (CTA-5004) is never part of the key: it changes with every request.
   */
  static CacheRequest of(HttpRequest request, Route route) {
    return new CacheRequest(request.method().name(), route.scheme(), route.authority(),
        Cmcd.stripQueryParameter(route.pathAndQuery()), toCache(request.headers()));
  }

  static Headers toCache(HttpHeaders headers) {
    Headers.Builder b = Headers.builder();
    for (Map.Entry<String, String> h : headers) {
      b.add(h.getKey(), h.getValue());
    }
    return b.build();
  }

  static Headers toCache(List<Map.Entry<String, String>> headers) {
    Headers.Builder b = Headers.builder();
    for (Map.Entry<String, String> h : headers) {
      b.add(h.getKey(), h.getValue());
    }
    return b.build();
  }

  static List<Map.Entry<String, String>> toList(Headers headers) {
    List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
    headers.forEach((name, value) -> out.add(Map.entry(name, value)));
    return out;
  }

  /** Headers minus the lower-case names in {@code drop}. */
  static List<Map.Entry<String, String>> without(
      List<Map.Entry<String, String>> headers, Set<String> drop) {
    List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
    for (Map.Entry<String, String> h : headers) {
      if (!drop.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        out.add(h);
      }
    }
    return out;
  }
}
