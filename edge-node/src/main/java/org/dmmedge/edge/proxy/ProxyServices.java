package org.dmmedge.edge.proxy;

import java.time.Clock;
import java.util.Objects;
import org.dmmedge.edge.metrics.EdgeMetrics;
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
 * @param metrics the node's request counters
 */
public record ProxyServices(
    String nodeName,
    OriginResolver resolver,
    OriginClient originClient,
    AccessLog accessLog,
    Clock clock,
    String targetedCacheControl,
    EdgeMetrics metrics) {
  public ProxyServices {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(originClient, "originClient");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(targetedCacheControl, "targetedCacheControl");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The {@code Via} entry this node adds. */
  public String via() {
    return "1.1 " + nodeName;
  }
}
