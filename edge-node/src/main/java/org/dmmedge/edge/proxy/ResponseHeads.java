package org.dmmedge.edge.proxy;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the head a client receives: the origin's (or the stored) end-to-end headers without
 * hop-by-hop fields and without the targeted cache-control field meant for this cache
 * (RFC 9213 §2: not forwarded), plus {@code Via}, {@code X-Served-By}, {@code X-Cache} and
 * {@code Cache-Status} (RFC 9211).
 */
final class ResponseHeads {
  /** Values of {@code X-Cache}. */
  enum CacheResult { HIT, MISS, STALE, REVALIDATED, BYPASS }

  private ResponseHeads() {}

  /**
   * @param headers end-to-end headers in order
   * @param cacheStatus the parameters after the cache name, e.g. {@code hit} or
   *     {@code fwd=uri-miss;stored}
   */
  static HttpResponse build(int status, List<Map.Entry<String, String>> headers,
      ProxyServices services, CacheResult result, String cacheStatus) {
    HttpResponse response = new DefaultHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
    HttpHeaders out = response.headers();
    Set<String> drop = Set.of(services.targetedCacheControl().toLowerCase(Locale.ROOT),
        "x-cache", "x-served-by");
    String previousVia = null;
    String previousCacheStatus = null;
    for (Map.Entry<String, String> h : HopByHop.endToEnd(headers, drop)) {
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      if (lower.equals("via")) {
        previousVia = previousVia == null ? h.getValue() : previousVia + ", " + h.getValue();
      } else if (lower.equals("cache-status")) {
        previousCacheStatus = previousCacheStatus == null ? h.getValue()
            : previousCacheStatus + ", " + h.getValue();
      } else {
        out.add(h.getKey(), h.getValue());
      }
    }
    out.set("Via", previousVia == null ? services.via() : previousVia + ", " + services.via());
    // RFC 9211 §2: the cache nearest the client comes last.
    String mine = services.nodeName() + "; " + cacheStatus;
    out.set("Cache-Status",
        previousCacheStatus == null ? mine : previousCacheStatus + ", " + mine);
    out.set("X-Cache", result.name());
    out.set("X-Served-By", services.nodeName());
    return response;
  }
}
