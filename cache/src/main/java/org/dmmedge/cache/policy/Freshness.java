package org.dmmedge.cache.policy;

import org.dmmedge.cache.Headers;

/**
 * The freshness facts of one stored response (RFC 9111 §4.2) and the pure decisions made from
 * them at a given time. Times are epoch milliseconds from the cache's {@code Clock}.
 *
 * <p>Computed once when the response is stored (and again after a 304 refresh), so a hit does
 * no header parsing: {@link #currentAgeMillis} is two subtractions.
 *
 * @param lifetimeMillis freshness lifetime (§4.2.1; heuristic per §4.2.2 when no explicit one)
 * @param correctedInitialAgeMillis corrected_initial_age of §4.2.3
 * @param responseTimeMillis when the response was received (response_time of §4.2.3)
 * @param staleWhileRevalidateMillis RFC 5861 §3 window, 0 when absent
 * @param staleIfErrorMillis RFC 5861 §4 window, 0 when absent
 * @param noCache the response said no-cache: validate before every use (§5.2.2.4)
 * @param revalidateWhenStale must-revalidate, proxy-revalidate or s-maxage: never serve stale
 *     without validation, not even on error (§5.2.2.2, §5.2.2.8, §5.2.2.10)
 */
public record Freshness(
    long lifetimeMillis,
    long correctedInitialAgeMillis,
    long responseTimeMillis,
    long staleWhileRevalidateMillis,
    long staleIfErrorMillis,
    boolean noCache,
    boolean revalidateWhenStale) {

  /** What a stored response may be used for, for one request, now. */
  public enum Verdict {
    /** Fresh and acceptable to the request: serve it. */
    FRESH,
    /** Stale, within stale-while-revalidate: serve it and revalidate in the background. */
    STALE_WHILE_REVALIDATE,
    /** Stale, but the request's max-stale accepts it: serve it, no revalidation needed. */
    STALE_ACCEPTED,
    /** Must be validated with the origin before use (or is unusable without validation). */
    MUST_REVALIDATE
  }

  /**
   * Heuristic freshness parameters (RFC 9111 §4.2.2).
   *
   * @param fraction share of (Date - Last-Modified) used as lifetime, typically 0.1
   * @param maxMillis cap on the heuristic lifetime
   */
  public record Heuristic(double fraction, long maxMillis) {}

  /**
   * Computes the freshness facts of a response received at {@code responseTimeMillis} for a
   * request sent at {@code requestTimeMillis}.
   */
  public static Freshness of(
      int status,
      Headers headers,
      TargetedCacheControl.Selection selection,
      long requestTimeMillis,
      long responseTimeMillis,
      Heuristic heuristic) {
    ResponseDirectives directives = selection.directives();
    long date = HttpDates.parse(headers.get("Date"));
    long dateValue = date == HttpDates.INVALID ? responseTimeMillis : date;
    long lifetime =
        lifetime(status, headers, selection, directives, dateValue, heuristic);
    long apparentAge = Math.max(0, responseTimeMillis - dateValue);
    long responseDelay = Math.max(0, responseTimeMillis - requestTimeMillis);
    long correctedAgeValue = ageHeaderSeconds(headers.get("Age")) * 1000 + responseDelay;
    return new Freshness(
        lifetime,
        Math.max(apparentAge, correctedAgeValue),
        responseTimeMillis,
        seconds(directives.staleWhileRevalidate()),
        seconds(directives.staleIfError()),
        directives.noCache(),
        directives.mustRevalidate()
            || directives.proxyRevalidate()
            || directives.sMaxAge() != ResponseDirectives.ABSENT);
  }

  private static long lifetime(
      int status,
      Headers headers,
      TargetedCacheControl.Selection selection,
      ResponseDirectives directives,
      long dateValue,
      Heuristic heuristic) {
    if (directives.sMaxAge() != ResponseDirectives.ABSENT) {
      return directives.sMaxAge() * 1000;
    }
    if (directives.maxAge() != ResponseDirectives.ABSENT) {
      return directives.maxAge() * 1000;
    }
    String expires = headers.get("Expires");
    if (!selection.targeted() && expires != null) {
      long expiresAt = HttpDates.parse(expires);
      // §5.3: an invalid Expires (such as "0") means already expired.
      return expiresAt == HttpDates.INVALID ? 0 : Math.max(0, expiresAt - dateValue);
    }
    long lastModified = HttpDates.parse(headers.get("Last-Modified"));
    boolean heuristicAllowed = Cacheability.cacheableByDefault(status) || directives.isPublic();
    if (heuristicAllowed && lastModified != HttpDates.INVALID && lastModified < dateValue) {
      return Math.min(heuristic.maxMillis(), (long) ((dateValue - lastModified) * heuristic.fraction()));
    }
    return 0;
  }

  /** current_age of RFC 9111 §4.2.3 at {@code nowMillis}. */
  public long currentAgeMillis(long nowMillis) {
    return correctedInitialAgeMillis + Math.max(0, nowMillis - responseTimeMillis);
  }

  /** The value of the Age field to send at {@code nowMillis} (whole seconds, §5.1). */
  public long ageSeconds(long nowMillis) {
    return currentAgeMillis(nowMillis) / 1000;
  }

  /** Whether the response is fresh at {@code nowMillis} (§4.2: lifetime > current age). */
  public boolean isFresh(long nowMillis) {
    return lifetimeMillis > currentAgeMillis(nowMillis);
  }

  /** Seconds of freshness left at {@code nowMillis}, negative once stale (for Cache-Status ttl). */
  public long ttlSeconds(long nowMillis) {
    return Math.floorDiv(lifetimeMillis - currentAgeMillis(nowMillis), 1000);
  }

  /** What the stored response may be used for by a request with {@code request} directives. */
  public Verdict verdict(RequestDirectives request, long nowMillis) {
    long age = currentAgeMillis(nowMillis);
    if (noCache || request.noCache()) {
      return Verdict.MUST_REVALIDATE;
    }
    if (request.maxAge() != RequestDirectives.ABSENT && age > request.maxAge() * 1000) {
      return Verdict.MUST_REVALIDATE;
    }
    if (lifetimeMillis > age) {
      boolean freshEnough =
          request.minFresh() == RequestDirectives.ABSENT
              || lifetimeMillis - age >= request.minFresh() * 1000;
      return freshEnough ? Verdict.FRESH : Verdict.MUST_REVALIDATE;
    }
    if (revalidateWhenStale) {
      return Verdict.MUST_REVALIDATE;
    }
    long staleness = age - lifetimeMillis;
    if (request.maxStale() != RequestDirectives.ABSENT
        && staleness <= saturatedMillis(request.maxStale())) {
      return Verdict.STALE_ACCEPTED;
    }
    if (staleness < staleWhileRevalidateMillis) {
      return Verdict.STALE_WHILE_REVALIDATE;
    }
    return Verdict.MUST_REVALIDATE;
  }

  /**
   * Whether the response may be served when the origin failed (RFC 5861 §4): within the
   * response's or the request's stale-if-error window, and never for must-revalidate,
   * proxy-revalidate, s-maxage or no-cache responses (RFC 9111 §4.2.4).
   */
  public boolean staleIfErrorAllowed(RequestDirectives request, long nowMillis) {
    if (noCache || revalidateWhenStale) {
      return false;
    }
    long staleness = currentAgeMillis(nowMillis) - lifetimeMillis;
    if (staleness < 0) {
      return !request.noCache();
    }
    long window = Math.max(staleIfErrorMillis, seconds(request.staleIfError()));
    return staleness <= window;
  }

  private static long seconds(long value) {
    return value == ResponseDirectives.ABSENT ? 0 : saturatedMillis(value);
  }

  private static long saturatedMillis(long seconds) {
    return seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
  }

  private static long ageHeaderSeconds(String value) {
    if (value == null) {
      return 0;
    }
    long age = DirectiveParser.deltaSeconds(value.trim());
    return Math.max(0, age);
  }
}
