package org.dmmedge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.CacheStats;
import org.dmmedge.cache.CachedBody;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.Lookup;
import org.dmmedge.cache.store.StoredResponse;
import org.dmmedge.edge.EdgeNode;
import org.dmmedge.edge.fill.CacheFiller;
import org.dmmedge.edge.proxy.HttpStatusException;
import org.dmmedge.edge.server.Route;

/**
 * {@code /admin/cache/stats}, {@code /admin/cache/entry?url=} and {@code /admin/purge}. URLs
 * are the ones clients request through the edge (the cache keys), absolute http(s).
 */
final class CacheResource {
  private final EdgeNode node;

  CacheResource(EdgeNode node) {
    this.node = node;
  }

  void stats(AdminExchange x) {
    CacheStats s = node.cache().stats();
    long served = s.hits() + s.staleServed();
    long lookups = served + s.misses() + s.collapsedFollowers();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("objects", Map.of("memory", s.memoryObjects(), "disk", s.diskObjects()));
    body.put("bytes", Map.of("memory", s.memoryBytes(), "disk", s.diskBytes()));
    body.put("hits", s.hits());
    body.put("staleServed", s.staleServed());
    body.put("misses", s.misses());
    body.put("hitRatio", lookups == 0 ? 0.0 : (double) served / lookups);
    body.put("evictions", s.evictions());
    body.put("promotions", s.promotions());
    body.put("collapsedWaits", s.collapsedFollowers());
    body.put("inFlightFills", s.inFlightFills());
    body.put("revalidations", s.revalidations());
    body.put("passes", s.passes());
    x.json(200, body);
  }

  /**
   * Looks the URL up as an {@code only-if-cached, max-stale} GET, so nothing is fetched and
   * stale entries show too. The lookup counts in the cache's hit statistics (and, for an entry
   * served from disk, toward its promotion to memory). {@code tier} says where it was found.
   */
  void entry(AdminExchange x) {
    String url = x.query("url");
    if (url == null || url.isBlank()) {
      throw AdminException.badField("url", "missing", "an absolute http(s) URL");
    }
    Route route = route(url);
    Headers headers = Headers.builder().add("Host", route.hostHeader())
        .add("Cache-Control", "only-if-cached, max-stale").build();
    Lookup lookup = node.cache().lookup(new CacheRequest("GET", route.scheme(),
        route.authority(), route.pathAndQuery(), headers));
    StoredResponse stored;
    CachedBody served;
    if (lookup instanceof Lookup.Fresh f) {
      served = f.body();
      stored = f.response();
    } else if (lookup instanceof Lookup.Stale s) {
      served = s.body();
      stored = s.response();
    } else {
      throw new AdminException(404, "url: " + url + " (not stored)", "url");
    }
    String tier = served instanceof CachedBody.File ? "disk" : "memory";
    served.release();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", stored.key().uri());
    body.put("status", stored.status());
    body.put("size", stored.bodyLength());
    body.put("age", node.cache().ageSeconds(stored));
    body.put("fresh", lookup instanceof Lookup.Fresh);
    body.put("ttl", stored.freshness().ttlSeconds(node.clock().millis()));
    body.put("hits", stored.hits());
    body.put("tier", tier);
    java.util.List<Map<String, String>> fields = new java.util.ArrayList<>();
    stored.headers().forEach((name, value) -> fields.add(Map.of("name", name, "value", value)));
    body.put("headers", fields);
    x.json(200, body);
  }

  void purge(AdminExchange x) {
    JsonNode json = x.jsonBody();
    Fields.only(json, "url", "prefix");
    boolean hasUrl = json.has("url");
    boolean hasPrefix = json.has("prefix");
    if (hasUrl == hasPrefix) {
      throw AdminException.badField(hasUrl ? "prefix" : "url", hasUrl ? "also given" : "missing",
          "exactly one of url, prefix");
    }
    String field = hasUrl ? "url" : "prefix";
    String value = Fields.text(json, field);
    String lower = value.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw AdminException.badField(field, value, "an absolute http(s) URL");
    }
    int removed;
    try {
      removed = hasUrl ? node.cache().purge(value) : node.cache().purgePrefix(lowerAuthority(value));
    } catch (IllegalArgumentException e) {
      throw AdminException.badField(field, value, "an absolute http(s) URL");
    }
    x.json(200, Map.of(field, value, "purged", removed));
  }

  private Route route(String url) {
    try {
      return CacheFiller.route(node.resolver(), url);
    } catch (HttpStatusException e) {
      throw AdminException.badField("url", url, "an absolute http(s) URL this node serves; "
          + e.reason());
    }
  }

  /** Cache keys have lower-case scheme and host: so must a prefix that names them. */
  static String lowerAuthority(String prefix) {
    int start = prefix.indexOf("://") + 3;
    int end = prefix.indexOf('/', start);
    end = end < 0 ? prefix.length() : end;
    return prefix.substring(0, end).toLowerCase(Locale.ROOT) + prefix.substring(end);
  }
}
