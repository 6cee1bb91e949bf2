package org.dmmedge.edge.proxy;

import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dmmedge.edge.server.Route;
import org.dmmedge.origin.OriginRequest;
import org.dmmedge.origin.RequestBodyStream;

/** Builds the request sent to an origin from a client's request and its route. */
final class OriginRequests {
  /** Never forwarded: framing comes from the body, Host from the route, Expect is answered here. */
  private static final Set<String> REPLACED = Set.of("content-length", "host", "expect", "via");

  private OriginRequests() {}

  /** The forwarded request: end-to-end headers, the route's Host, this node added to Via. */
  static OriginRequest of(HttpRequest request, Route route, String via,
      Optional<RequestBodyStream> body) {
    return new OriginRequest(request.method().name(), route.target(), route.pathAndQuery(),
        headers(request, route, via, Set.of(), Map.of()), body);
  }

  /**
   * The forwarded headers without the lower-case names in {@code drop}, with {@code extra} set
   * (replacing same-named ones), e.g. the validators of a revalidation.
   */
  static List<Map.Entry<String, String>> headers(HttpRequest request, Route route, String via,
      Set<String> dropAlso, Map<String, String> extra) {
    Set<String> drop = new java.util.HashSet<>(REPLACED);
    drop.addAll(dropAlso);
    extra.keySet().forEach(k -> drop.add(k.toLowerCase(java.util.Locale.ROOT)));
    List<Map.Entry<String, String>> headers =
        new java.util.ArrayList<>(HopByHop.endToEnd(request.headers(), drop));
    headers.add(0, Map.entry("Host", route.hostHeader()));
    extra.forEach((k, v) -> headers.add(Map.entry(k, v)));
    String previous = String.join(", ", request.headers().getAll("Via"));
    headers.add(Map.entry("Via", previous.isEmpty() ? via : previous + ", " + via));
    return headers;
  }
}
