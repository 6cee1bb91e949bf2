package org.dmmedge.cache.policy;

import java.util.List;
import java.util.Locale;
import org.dmmedge.cache.Headers;

/**
 * Request cache directives (RFC 9111 §5.2.1) parsed from a request's Cache-Control, with
 * {@code Pragma: no-cache} read as no-cache when Cache-Control is absent (§5.4).
 *
 * <p>Seconds values are {@link #ABSENT} (-1) when missing; {@code max-stale} without a value is
 * {@link Long#MAX_VALUE} (any staleness). A malformed max-age reads as 0 (forces validation);
 * a malformed max-stale or min-fresh as absent (RFC 9111 §4.2.1 treats it as invalid).
 *
 * @param noCache no-cache (§5.2.1.4): the stored response must be validated
 * @param noStore no-store (§5.2.1.5): the response must not be stored
 * @param onlyIfCached only-if-cached (§5.2.1.7): answer from cache or with 504
 * @param maxAge max-age (§5.2.1.1)
 * @param maxStale max-stale (§5.2.1.2)
 * @param minFresh min-fresh (§5.2.1.3)
 * @param staleIfError stale-if-error (RFC 5861 §4, allowed in requests too)
 */
public record RequestDirectives(
    boolean noCache,
    boolean noStore,
    boolean onlyIfCached,
    long maxAge,
    long maxStale,
    long minFresh,
    long staleIfError) {

  /** A seconds directive that is not present. */
  public static final long ABSENT = DirectiveParser.ABSENT;

  /** No directive at all. */
  public static final RequestDirectives NONE =
      new RequestDirectives(false, false, false, ABSENT, ABSENT, ABSENT, ABSENT);

  /** Directives of a request's header fields. */
  public static RequestDirectives of(Headers requestHeaders) {
    List<String> cacheControl = requestHeaders.getAll("Cache-Control");
    if (cacheControl.isEmpty()) {
      String pragma = requestHeaders.getJoined("Pragma");
      boolean pragmaNoCache = pragma != null && pragma.toLowerCase(Locale.ROOT).contains("no-cache");
      return pragmaNoCache
          ? new RequestDirectives(true, false, false, ABSENT, ABSENT, ABSENT, ABSENT)
          : NONE;
    }
    return parse(cacheControl);
  }

  /** Parses the values of a request Cache-Control field. */
  public static RequestDirectives parse(List<String> fieldValues) {
    boolean[] flags = new boolean[3];
    long[] seconds = {ABSENT, ABSENT, ABSENT, ABSENT};
    DirectiveParser.parse(
        fieldValues,
        (name, value) -> {
          switch (name) {
            case "no-cache" -> flags[0] = true;
            case "no-store" -> flags[1] = true;
            case "only-if-cached" -> flags[2] = true;
            case "max-age" -> seconds[0] = DirectiveParser.deltaSeconds(value);
            case "max-stale" -> seconds[1] = value == null ? Long.MAX_VALUE : optional(value);
            case "min-fresh" -> seconds[2] = optional(value);
            case "stale-if-error" -> seconds[3] = optional(value);
            default -> { } // unknown extensions are ignored (§5.2.3)
          }
        });
    return new RequestDirectives(
        flags[0], flags[1], flags[2], seconds[0], seconds[1], seconds[2], seconds[3]);
  }

  private static long optional(String value) {
    return value != null && !value.isEmpty() && value.chars().allMatch(Character::isDigit)
        ? DirectiveParser.deltaSeconds(value)
        : ABSENT;
  }
}
