package org.dmmedge.edge.server;

import java.util.Objects;
import org.dmmedge.origin.OriginTarget;

/**
 * Where one request goes and how it is named.
 *
 * @param target the origin to fetch from
 * @param pathAndQuery the origin-form request target sent to it
 * @param hostHeader the Host header sent to the origin
 * @param scheme the scheme clients used, for the cache key
 * @param authority the authority clients used (lower case), for the cache key
 */
public record Route(
    OriginTarget target, String pathAndQuery, String hostHeader, String scheme,
    String authority) {
  public Route {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    Objects.requireNonNull(hostHeader, "hostHeader");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(authority, "authority");
  }
}
