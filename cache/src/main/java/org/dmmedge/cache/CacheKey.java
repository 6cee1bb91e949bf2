package org.dmmedge.cache;

import java.util.Locale;
import java.util.Objects;

/**
 * The primary cache key (RFC 9111 §2): method, scheme, authority and path+query, normalised.
 *
 * <p>Normalisation (RFC 3986 §6.2.2): scheme and host are lower-cased; the default port of the
 * scheme (80 for http, 443 for https) and an empty port are dropped; percent-encoded unreserved
 * characters (ALPHA, DIGIT, "-", ".", "_", "~") are decoded and every other percent-encoding is
 * written with upper-case hex digits; an empty path becomes "/"; a fragment is dropped. HEAD
 * maps to GET, since HEAD is answered from GET entries (RFC 9110 §9.3.2). Dot segments are not
 * removed: origins may treat them differently.
 *
 * <p>The secondary key chosen by {@code Vary} is kept apart (see
 * {@link org.dmmedge.cache.policy.VarySelector}).
 *
 * @param method "GET" for GET and HEAD requests, else the method as sent
 * @param scheme lower-case scheme
 * @param authority lower-case host, with the port only when not the scheme's default
 * @param pathAndQuery normalised path and query
 */
public record CacheKey(String method, String scheme, String authority, String pathAndQuery) {

  /** Normalises the parts (idempotent: normalising a key's parts again gives the same key). */
  public CacheKey {
    Objects.requireNonNull(method, "method");
    scheme = scheme.toLowerCase(Locale.ROOT);
    authority = normaliseAuthority(scheme, authority);
    pathAndQuery = normalisePath(pathAndQuery);
    if (method.equals("HEAD")) {
      method = "GET";
    }
  }

  /** The key of a request. */
  public static CacheKey of(CacheRequest request) {
    return new CacheKey(
        request.method(), request.scheme(), request.authority(), request.pathAndQuery());
  }

  /**
   * The key of {@code method} on an absolute {@code scheme://authority/path?query} URI (for
   * invalidation of Location and Content-Location targets, RFC 9111 §4.4, and purges).
   *
   * @throws IllegalArgumentException if the URI is not absolute http(s)
   */
  public static CacheKey parse(String method, String absoluteUri) {
    int schemeEnd = absoluteUri.indexOf("://");
    if (schemeEnd <= 0) {
      throw new IllegalArgumentException(
          "uri: \"" + absoluteUri + "\" (expected: an absolute http or https URI)");
    }
    String scheme = absoluteUri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "uri: \"" + absoluteUri + "\" (expected: an absolute http or https URI)");
    }
    int authorityStart = schemeEnd + 3;
    int pathStart = authorityStart;
    while (pathStart < absoluteUri.length() && "/?#".indexOf(absoluteUri.charAt(pathStart)) < 0) {
      pathStart++;
    }
    if (pathStart == authorityStart) {
      throw new IllegalArgumentException(
          "uri: \"" + absoluteUri + "\" (expected: an authority after \"://\")");
    }
    return new CacheKey(
        method,
        scheme,
        absoluteUri.substring(authorityStart, pathStart),
        absoluteUri.substring(pathStart));
  }

  /** The absolute URI of this key: {@code scheme://authority/path?query}. */
  public String uri() {
    return scheme + "://" + authority + pathAndQuery;
  }

  private static String normaliseAuthority(String scheme, String authority) {
    String lower = authority.toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf('@');
    if (at >= 0) {
      lower = lower.substring(at + 1);
    }
    int colon = lower.lastIndexOf(':');
    if (colon < 0 || colon < lower.lastIndexOf(']')) {
      return lower;
    }
    String port = lower.substring(colon + 1);
    boolean defaultPort =
        port.isEmpty()
            || scheme.equals("http") && port.equals("80")
            || scheme.equals("https") && port.equals("443");
    return defaultPort ? lower.substring(0, colon) : lower;
  }

  private static String normalisePath(String pathAndQuery) {
    int hash = pathAndQuery.indexOf('#');
    String raw = hash >= 0 ? pathAndQuery.substring(0, hash) : pathAndQuery;
    if (raw.isEmpty() || raw.charAt(0) == '?') {
      raw = "/" + raw;
    }
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
      int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
      if (c != '%' || low < 0) {
        out.append(c);
        continue;
      }
      char decoded = (char) (high * 16 + low);
      if (isUnreserved(decoded)) {
        out.append(decoded);
      } else {
        out.append('%').append(Character.toUpperCase(raw.charAt(i + 1)))
            .append(Character.toUpperCase(raw.charAt(i + 2)));
      }
      i += 2;
    }
    return out.toString();
  }

  private static boolean isUnreserved(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
