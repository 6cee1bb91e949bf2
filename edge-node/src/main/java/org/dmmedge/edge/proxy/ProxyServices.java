package org.dmmedge.edge.proxy;

import java.time.Clock;
import java.util.Objects;
import org.dmmedge.edge.server.OriginResolver;
import org.dmmedge.edge.tunnel.Tunnels;
import org.dmmedge.origin.OriginClient;

/**
 * What every connection's proxy handler shares: the node's identity, how origins are found and
 * fetched, the access log, the clock and the CONNECT tunnels. Immutable and thread-safe.
 *
 * @param nodeName this node's name ({@code X-Served-By}, {@code Via})
 * @param resolver how a request's origin is found
 * @param originClient how origins are fetched from
 * @param accessLog where answered requests are logged
 * @param clock the time used for logs and cache arithmetic (a fake one in tests)
 * @param targetedCacheControl the targeted cache-control field this node obeys and removes
 * @param requests told of every routed request (playback tracking)
 * @param tunnels CONNECT tunnels (refused with 405 when not enabled)
 */
public record ProxyServices(
    String nodeName,
    OriginResolver resolver,
    OriginClient originClient,
    AccessLog accessLog,
    Clock clock,
    String targetedCacheControl,
    RequestListener requests,
    Tunnels tunnels) {
  public ProxyServices {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(originClient, "originClient");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(targetedCacheControl, "targetedCacheControl");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(tunnels, "tunnels");
  }

  /** Services without CONNECT tunnels. */
  public ProxyServices(String nodeName, OriginResolver resolver, OriginClient originClient,
      AccessLog accessLog, Clock clock, String targetedCacheControl, RequestListener requests) {
    this(nodeName, resolver, originClient, accessLog, clock, targetedCacheControl, requests,
        Tunnels.disabled());
  }

  /** Services whose requests nobody listens to, without CONNECT tunnels. */
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
