package org.dmmedge.edge.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers that belong to one connection and are never forwarded (RFC 9110 §7.6.1): the fixed
 * list plus every field named in {@code Connection}.
 */
final class HopByHop {
  private static final Set<String> FIXED = Set.of(
      "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
      "upgrade", "proxy-authenticate", "proxy-authorization");

  private HopByHop() {}

  /** The names (lower case) to drop from a message with these {@code Connection} values. */
  static Set<String> namesToDrop(List<String> connectionValues) {
    if (connectionValues.isEmpty()) {
      return FIXED;
    }
    Set<String> drop = new java.util.HashSet<>(FIXED);
    for (String value : connectionValues) {
      for (String token : value.split(",")) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
          drop.add(t);
        }
      }
    }
    return drop;
  }

  /** The end-to-end headers of a Netty message, minus {@code alsoDrop} (lower-case names). */
  static List<Map.Entry<String, String>> endToEnd(HttpHeaders headers, Set<String> alsoDrop) {
    Set<String> drop = namesToDrop(headers.getAll(HttpHeaderNames.CONNECTION));
    List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
    for (Map.Entry<String, String> h : headers) {
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      if (!drop.contains(lower) && !alsoDrop.contains(lower)) {
        out.add(Map.entry(h.getKey(), h.getValue()));
      }
    }
    return out;
  }

  /** The end-to-end headers of an origin response, minus {@code alsoDrop} (lower case). */
  static List<Map.Entry<String, String>> endToEnd(
      List<Map.Entry<String, String>> headers, Set<String> alsoDrop) {
    List<String> connection = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase("connection")) {
        connection.add(h.getValue());
      }
    }
    Set<String> drop = namesToDrop(connection);
    List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
    for (Map.Entry<String, String> h : headers) {
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      if (!drop.contains(lower) && !alsoDrop.contains(lower)) {
        out.add(h);
      }
    }
    return out;
  }
}
