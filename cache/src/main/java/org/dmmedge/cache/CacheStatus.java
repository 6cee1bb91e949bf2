package org.dmmedge.cache;

import org.dmmedge.cache.store.StoredResponse;

/**
 * The Cache-Status field member of this cache for a lookup (RFC 9211 §2): {@code hit} with the
 * remaining {@code ttl} (negative when stale) for answers from cache, else {@code fwd} with the
 * reason the request went forward, plus {@code collapsed} for followers of a fill.
 *
 * <p>The edge appends what only it learns later: {@code ; fwd-status=NNN} (RFC 9211 §2.3)
 * and {@code ; stored} once {@code Fill.start} said storable (§2.5). Pure and thread-safe.
 */
public final class CacheStatus {
  private CacheStatus() {}

  /**
   * The member for {@code lookup}, e.g. {@code mar1; hit; ttl=42}, {@code mar1; fwd=uri-miss},
   * {@code mar1; fwd=stale; ttl=-3}.
   *
   * @param cacheName this cache's name (the node name), an RFC 9651 token
   * @param lookup the lookup result
   * @param nowMillis the time of the lookup (for ttl)
   */
  public static String of(String cacheName, Lookup lookup, long nowMillis) {
    StringBuilder member = new StringBuilder(cacheName);
    StoredResponse response = null;
    if (lookup instanceof Lookup.Fresh fresh) {
      member.append("; hit");
      response = fresh.response();
    } else if (lookup instanceof Lookup.Stale stale) {
      member.append("; hit");
      response = stale.response();
    } else if (lookup instanceof Lookup.NotModified notModified) {
      member.append("; hit");
      response = notModified.response();
    } else if (lookup instanceof Lookup.PreconditionFailed failed) {
      member.append("; hit");
      response = failed.response();
    } else if (lookup instanceof Lookup.Unsatisfiable unsatisfiable) {
      member.append("; hit");
      response = unsatisfiable.response();
    } else if (lookup instanceof Lookup.MustRevalidate revalidate) {
      member.append("; fwd=stale");
      response = revalidate.response();
    } else if (lookup instanceof Lookup.JoinFill) {
      member.append("; fwd=uri-miss; collapsed");
    } else if (lookup instanceof Lookup.Pass pass) {
      member.append("; fwd=").append(switch (pass.reason()) {
        case METHOD -> "method";
        case NO_STORE -> "request";
        case HIT_FOR_PASS -> "bypass";
        case HEAD_MISS, FILL_UNUSABLE -> "uri-miss";
      });
    } else if (lookup instanceof Lookup.OnlyIfCachedMiss) {
      member.append("; detail=only-if-cached");
    } else {
      member.append("; fwd=uri-miss");
    }
    if (response != null) {
      member.append("; ttl=").append(response.freshness().ttlSeconds(nowMillis));
    }
    return member.toString();
  }
}
