package org.dmmedge.cache;

import org.dmmedge.cache.fill.Fill;
import org.dmmedge.cache.store.StoredResponse;

/**
 * The Cache-Status field member of this cache for a lookup (RFC 9211 §2): {@code hit} with the
 * remaining {@code ttl} (negative when stale) for answers from cache, else {@code fwd} with the
 * reason the request went forward, plus {@code collapsed} for followers of a fill.
 *
 * <p>Responses streamed from a fill get {@link #ofFill} once their head is known (fwd-status,
 * stored, the ttl of what was sent); the edge appends {@code ; fwd-status=NNN} (RFC 9211
 * §2.3) to responses it relays from the origin unstored. Pure and thread-safe.
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
    StoredResponse response = appendReason(member, lookup);
    if (response != null) {
      member.append("; ttl=").append(response.freshness().ttlSeconds(nowMillis));
    }
    return member.toString();
  }

  /**
   * The member for a response streamed from {@code fill} once its head is out, e.g. {@code
   * mar1; fwd=uri-miss; fwd-status=200; stored; ttl=60}: the lookup's reason, {@code
   * fwd-status} when this request led the origin fetch ({@code fwdStatus > 0}; a follower
   * did not), {@code stored} when the fill stores a new response (not when it refreshed the
   * stored one), the ttl of the response sent, and {@code detail} when given.
   *
   * @param fill the fill the response came from, its head published
   * @param fwdStatus the origin's status for this request's own fetch, or 0
   * @param detail an RFC 9211 §2.8 token, or null
   */
  public static String ofFill(String cacheName, Lookup lookup, Fill fill, int fwdStatus,
      String detail, long nowMillis) {
    StringBuilder member = new StringBuilder(cacheName);
    appendReason(member, lookup);
    if (fwdStatus > 0) {
      member.append("; fwd-status=").append(fwdStatus);
    }
    if (!fill.isRefresh()) {
      member.append("; stored");
    }
    member.append("; ttl=").append(fill.head().freshness().ttlSeconds(nowMillis));
    if (detail != null) {
      member.append("; detail=").append(detail);
    }
    return member.toString();
  }

  /** Appends the hit or forward reason; returns the stored response it names, or null. */
  private static StoredResponse appendReason(StringBuilder member, Lookup lookup) {
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
    } else if (lookup instanceof Lookup.JoinFill j) {
      member.append(j.fill().isRevalidation() ? "; fwd=stale" : "; fwd=uri-miss")
          .append("; collapsed");
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
    return response;
  }
}
