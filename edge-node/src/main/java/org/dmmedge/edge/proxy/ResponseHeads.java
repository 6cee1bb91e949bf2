package org.dmmedge.edge.proxy;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the head a client receives: the origin's (or the stored) end-to-end headers without
 * hop-by-hop fields and without the targeted cache-control field meant for this cache
 * (RFC 9213 §2: not forwarded), plus {@code Via}, {@code X-Served-By}, {@code X-Cache} and
 * {@code Cache-Status} (RFC 9211). {@link HitHead} encodes the same fields for stored
 * responses straight to bytes, from {@link #base}.
 */
final class ResponseHeads {
  /** Values of {@code X-Cache}. */
  enum CacheResult { HIT, MISS, STALE, REVALIDATED, BYPASS }

  private ResponseHeads() {}

  /**
   * The part of a head that does not depend on the request being answered.
   *
   * @param fields the end-to-end fields to send, in order, without {@code Via} and
   *     {@code Cache-Status}
   * @param via the {@code Via} to send: the received one with this node appended
   * @param previousCacheStatus the {@code Cache-Status} members of caches before this one, or
   *     null when there were none
   */
  record Base(List<Map.Entry<String, String>> fields, String via, String previousCacheStatus) {
    /** The {@code Cache-Status} to send: the previous members, then this node's (§2). */
    String cacheStatus(String mine) {
      return previousCacheStatus == null ? mine : previousCacheStatus + ", " + mine;
    }
  }

  /** The request-independent part of the head built from {@code headers} (in order). */
  static Base base(List<Map.Entry<String, String>> headers, ProxyServices services) {
    Set<String> drop = Set.of(services.targetedCacheControl().toLowerCase(Locale.ROOT),
        "x-cache", "x-served-by");
    List<Map.Entry<String, String>> fields = new ArrayList<>(headers.size());
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
        fields.add(h);
      }
    }
    String via = previousVia == null ? services.via() : previousVia + ", " + services.via();
    return new Base(fields, via, previousCacheStatus);
  }

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
    Base base = base(headers, services);
    for (Map.Entry<String, String> h : base.fields()) {
      out.add(h.getKey(), h.getValue());
    }
    out.set("Via", base.via());
    out.set("Cache-Status", base.cacheStatus(services.nodeName() + "; " + cacheStatus));
    out.set("X-Cache", result.name());
    out.set("X-Served-By", services.nodeName());
    return response;
  }
}
