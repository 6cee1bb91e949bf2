package org.dmmedge.cache;

import java.util.Objects;

/**
 * The parts of a client request the cache looks at: method, target URI parts and header fields.
 *
 * <p>The edge builds one per request from its decoded HTTP request (origin-form targets take the
 * scheme and authority of the resolved origin; absolute-form targets their own). Values are kept
 * as given; {@link CacheKey#of(CacheRequest)} normalises them.
 *
 * @param method request method, case-sensitive as in RFC 9110 §9.1 ("GET", "HEAD", ...)
 * @param scheme "http" or "https"
 * @param authority host with optional port, as in the Host header or absolute URI
 * @param pathAndQuery path and optional query ("/a/b?c"); an empty string means "/"
 * @param headers the request header fields
 */
public record CacheRequest(
    String method, String scheme, String authority, String pathAndQuery, Headers headers) {

  /** Checks that every part is present. */
  public CacheRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    Objects.requireNonNull(headers, "headers");
  }

  /** A GET request for an absolute {@code http(s)://authority/path?query} URI. */
  public static CacheRequest get(String absoluteUri, Headers headers) {
    CacheKey key = CacheKey.parse("GET", absoluteUri);
    return new CacheRequest("GET", key.scheme(), key.authority(), key.pathAndQuery(), headers);
  }

  /** Whether the method is GET or HEAD, the only ones answered from cache here. */
  public boolean isGetOrHead() {
    return method.equals("GET") || method.equals("HEAD");
  }

  /** Whether the method is HEAD (served from GET entries, without a body). */
  public boolean isHead() {
    return method.equals("HEAD");
  }
}
