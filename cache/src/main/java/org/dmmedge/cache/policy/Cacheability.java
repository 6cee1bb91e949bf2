package org.dmmedge.cache.policy;

import org.dmmedge.cache.Headers;

/**
 * Whether a shared cache may store a response (RFC 9111 §3), and why not. A pure predicate.
 *
 * @param reason {@link Reason#STORABLE} or the first rule that forbids storing
 */
public record Cacheability(Reason reason) {

  /** The outcome of the storability rules, in the order they are checked. */
  public enum Reason {
    /** The response may be stored. */
    STORABLE,
    /** Only GET responses are stored (§3: the method must be cacheable and understood). */
    METHOD,
    /**
     * The status is not final, not understood (not registered by RFC 9110 §15, RFC 6585 or
     * RFC 7725), or partial content (206, 304).
     */
    STATUS,
    /** The request carried no-store (§5.2.1.5). */
    NO_STORE_REQUEST,
    /** The response carried no-store (§5.2.2.5). */
    NO_STORE,
    /** The response carried private (§5.2.2.7): a shared cache must not store it. */
    PRIVATE,
    /** The request had Authorization and no public, s-maxage or must-revalidate (§3.5). */
    AUTHORIZATION,
    /** {@code Vary: *} can never match a later request (§4.1). */
    VARY_STAR,
    /** No explicit freshness, no validator-free heuristic and no cacheable-by-default status. */
    NO_FRESHNESS_INFO,
    /** Content-Length above the configured maximum object size. */
    TOO_LARGE
  }

  private static final Cacheability STORABLE = new Cacheability(Reason.STORABLE);

  /** Whether the response may be stored. */
  public boolean storable() {
    return reason == Reason.STORABLE;
  }

  /**
   * Cacheable by default (RFC 9110 §15.1, used by RFC 9111 §4.2.2 heuristics): 200, 203, 204,
   * 300, 301, 308, 404, 405, 410, 414, 501. 206 is left out: only full responses are stored.
   */
  public static boolean cacheableByDefault(int status) {
    return switch (status) {
      case 200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501 -> true;
      default -> false;
    };
  }

  /**
   * Applies RFC 9111 §3 for a shared cache.
   *
   * @param method request method
   * @param requestHeaders request fields (for Authorization)
   * @param request request directives
   * @param status response status
   * @param responseHeaders response fields
   * @param selection the directives obeyed (see {@link TargetedCacheControl})
   * @param maxObjectBytes largest body stored; a larger Content-Length is {@link Reason#TOO_LARGE}
   */
  public static Cacheability evaluate(
      String method,
      Headers requestHeaders,
      RequestDirectives request,
      int status,
      Headers responseHeaders,
      TargetedCacheControl.Selection selection,
      long maxObjectBytes) {
    ResponseDirectives response = selection.directives();
    if (!method.equals("GET")) {
      return of(Reason.METHOD);
    }
    if (!understood(status)) {
      return of(Reason.STATUS);
    }
    if (request.noStore()) {
      return of(Reason.NO_STORE_REQUEST);
    }
    if (response.noStore()) {
      return of(Reason.NO_STORE);
    }
    if (response.isPrivate()) {
      return of(Reason.PRIVATE);
    }
    if (requestHeaders.contains("Authorization")
        && !(response.isPublic()
            || response.sMaxAge() != ResponseDirectives.ABSENT
            || response.mustRevalidate())) {
      return of(Reason.AUTHORIZATION);
    }
    if (VarySelector.isVaryStar(responseHeaders)) {
      return of(Reason.VARY_STAR);
    }
    boolean explicit =
        response.isPublic()
            || response.maxAge() != ResponseDirectives.ABSENT
            || response.sMaxAge() != ResponseDirectives.ABSENT
            || !selection.targeted() && responseHeaders.contains("Expires");
    if (!explicit && !cacheableByDefault(status)) {
      return of(Reason.NO_FRESHNESS_INFO);
    }
    String contentLength = responseHeaders.get("Content-Length");
    if (contentLength != null && parseLength(contentLength) > maxObjectBytes) {
      return of(Reason.TOO_LARGE);
    }
    return STORABLE;
  }

  /** Final statuses this cache understands and may store (§3), without 206 and 304. */
  static boolean understood(int status) {
    return status >= 200 && status <= 205
        || status >= 300 && status <= 308 && status != 304 && status != 306
        || status >= 400 && status <= 417
        || status == 421 || status == 422 || status == 426 || status == 428 || status == 429
        || status == 431 || status == 451
        || status >= 500 && status <= 505 || status == 511;
  }

  private static Cacheability of(Reason reason) {
    return new Cacheability(reason);
  }

  /** A Content-Length value, or -1 when malformed. */
  public static long parseLength(String value) {
    String trimmed = value.trim();
    if (trimmed.isEmpty() || trimmed.length() > 18) {
      return -1;
    }
    long length = 0;
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      length = length * 10 + (c - '0');
    }
    return length;
  }
}
