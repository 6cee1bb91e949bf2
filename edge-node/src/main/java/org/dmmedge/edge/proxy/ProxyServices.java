package org.dmmedge.edge.proxy;

import java.time.Clock;
import java.util.Objects;
import org.dmmedge.edge.server.OriginResolver;
import org.dmmedge.origin.OriginClient;

/**
 * What every connection's proxy handler shares: the node's identity, how origins are found and
 * fetched, the access log and the clock. Immutable and thread-safe.
 *
 * @param nodeName this node's name ({@code X-Served-By}, {@code Via})
 * @param resolver how a request's origin is found
 * @param originClient how origins are fetched from
 * @param accessLog where answered requests are logged
 * @param clock the time used for logs and cache arithmetic (a fake one in tests)
 * @param targetedCacheControl the targeted cache-control field this node obeys and removes
 * @param requests told of every routed request (playback tracking)
 */
public record ProxyServices(
    String nodeName,
    OriginResolver resolver,
    OriginClient originClient,
    AccessLog accessLog,
    Clock clock,
    String targetedCacheControl,
    RequestListener requests) {
  public ProxyServices {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(originClient, "originClient");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(targetedCacheControl, "targetedCacheControl");
    Objects.requireNonNull(requests, "requests");
  }

  /** Services whose requests nobody listens to. */
  public ProxyServices(String nodeName, OriginResolver resolver, OriginClient originClient,
      AccessLog accessLog, Clock clock, String targetedCacheControl) {
    this(nodeName, resolver, originClient, accessLog, clock, targetedCacheControl,
        RequestListener.NONE);
  }

  /** The {@code Via} entry this node adds. */
  public String via() {
    return "1.1 " + nodeName;
  }
}
