package org.dmmedge.cache.policy;

import java.util.List;

/**
 * Response cache directives (RFC 9111 §5.2.2, RFC 5861 §3-4) parsed once from a Cache-Control
 * or targeted (RFC 9213) field.
 *
 * <p>Delta-second values are in seconds, {@link #ABSENT} (-1) when the directive is missing; a
 * malformed or repeated-with-another-value delta reads as 0, which makes the response stale
 * (RFC 9111 §4.2.1). The qualified forms {@code no-cache="field"} and {@code private="field"}
 * are treated as their unqualified forms: stricter, never wrong for a shared cache.
 *
 * @param noStore no-store (§5.2.2.5)
 * @param noCache no-cache (§5.2.2.4): may be stored, must be validated before each use
 * @param isPrivate private (§5.2.2.7): a shared cache must not store it
 * @param isPublic public (§5.2.2.9)
 * @param mustRevalidate must-revalidate (§5.2.2.2)
 * @param proxyRevalidate proxy-revalidate (§5.2.2.8)
 * @param maxAge max-age seconds (§5.2.2.1)
 * @param sMaxAge s-maxage seconds (§5.2.2.10), which also implies proxy-revalidate
 * @param staleWhileRevalidate stale-while-revalidate seconds (RFC 5861 §3)
 * @param staleIfError stale-if-error seconds (RFC 5861 §4)
 */
public record ResponseDirectives(
    boolean noStore,
    boolean noCache,
    boolean isPrivate,
    boolean isPublic,
    boolean mustRevalidate,
    boolean proxyRevalidate,
    long maxAge,
    long sMaxAge,
    long staleWhileRevalidate,
    long staleIfError) {

  /** A delta-seconds directive that is not present. */
  public static final long ABSENT = DirectiveParser.ABSENT;

  /** No directive at all. */
  public static final ResponseDirectives NONE =
      new ResponseDirectives(false, false, false, false, false, false, -1, -1, -1, -1);

  /** Parses the values of one field (all its lines). */
  public static ResponseDirectives parse(List<String> fieldValues) {
    return parseChecked(fieldValues).directives();
  }

  /**
   * Parses and also says whether every item was well-formed (a targeted field that is not is
   * ignored, RFC 9213 §2.1).
   */
  static Parsed parseChecked(List<String> fieldValues) {
    Builder b = new Builder();
    boolean wellFormed =
        DirectiveParser.parse(
            fieldValues,
            (name, value) -> {
              switch (name) {
                case "no-store" -> b.noStore = true;
                case "no-cache" -> b.noCache = true;
                case "private" -> b.isPrivate = true;
                case "public" -> b.isPublic = true;
                case "must-revalidate" -> b.mustRevalidate = true;
                case "proxy-revalidate" -> b.proxyRevalidate = true;
                case "max-age" -> b.maxAge = merge(b.maxAge, value);
                case "s-maxage" -> b.sMaxAge = merge(b.sMaxAge, value);
                case "stale-while-revalidate" -> b.swr = merge(b.swr, value);
                case "stale-if-error" -> b.sie = merge(b.sie, value);
                default -> { } // unknown extensions are ignored (§5.2.3)
              }
            });
    return new Parsed(b.build(), wellFormed);
  }

  /** Whether the response must not be served stale without validation by a shared cache. */
  public boolean forbidsStaleForSharedCache() {
    return mustRevalidate || proxyRevalidate || sMaxAge != ABSENT || noCache;
  }

  private static long merge(long previous, String value) {
    long parsed = DirectiveParser.deltaSeconds(value);
    return previous == ABSENT || previous == parsed ? parsed : 0;
  }

  record Parsed(ResponseDirectives directives, boolean wellFormed) {}

  private static final class Builder {
    boolean noStore;
    boolean noCache;
    boolean isPrivate;
    boolean isPublic;
    boolean mustRevalidate;
    boolean proxyRevalidate;
    long maxAge = ABSENT;
    long sMaxAge = ABSENT;
    long swr = ABSENT;
    long sie = ABSENT;

    ResponseDirectives build() {
      return new ResponseDirectives(
          noStore, noCache, isPrivate, isPublic, mustRevalidate, proxyRevalidate, maxAge, sMaxAge,
          swr, sie);
    }
  }
}
