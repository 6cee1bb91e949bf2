package org.dmmedge.edge;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.edge.config.EdgeConfig;
import org.dmmedge.edge.metrics.EdgeMetrics;
import org.dmmedge.edge.proxy.AccessLog;
import org.dmmedge.edge.proxy.ProxyHandler;
import org.dmmedge.edge.proxy.ProxyServices;
import org.dmmedge.edge.server.EdgeServer;
import org.dmmedge.edge.server.OriginResolver;
import org.dmmedge.origin.HttpClient5OriginClient;
import org.dmmedge.origin.OriginClient;

/**
 * One edge node: builds its parts from an {@link EdgeConfig} (origin client, proxy services,
 * the Netty server) and starts and stops them together. Start and stop from one thread.
 */
public final class EdgeNode implements AutoCloseable {
  private final EdgeConfig config;
  private final OriginClient originClient;
  private final HttpCache cache;
  private final EdgeMetrics metrics = new EdgeMetrics();
  private final EdgeServer server;

  /**
   * @param clock the time every cache decision uses (a fake one in tests)
   */
  public EdgeNode(EdgeConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.originClient = new HttpClient5OriginClient(config.originClient());
    EdgeServer[] self = new EdgeServer[1];
    OriginResolver resolver = new OriginResolver(config.server().mode(), config.origins(),
        config.name(), () -> self[0].localAddress());
    ProxyServices services = new ProxyServices(config.name(), resolver, originClient,
        new AccessLog(config.accessLog(), clock), clock,
        config.cache().targetedCacheControlNames().get(0), metrics);
    this.cache = HttpCache.create(config.cache(), clock);
    this.server = new EdgeServer(config.server(), () -> new ProxyHandler(services, cache));
    self[0] = server;
  }

  /** Starts serving; returns the bound address. */
  public InetSocketAddress start() throws InterruptedException {
    try {
      return server.start();
    } catch (InterruptedException | RuntimeException e) {
      originClient.close();
      cache.close();
      throw e;
    }
  }

  /** The bound address, or null before {@link #start()}. */
  public InetSocketAddress localAddress() {
    return server.localAddress();
  }

  /** The node's request counters. */
  public EdgeMetrics metrics() {
    return metrics;
  }

  /** The node's cache (for the admin API and tests). */
  public HttpCache cache() {
    return cache;
  }

  public EdgeConfig config() {
    return config;
  }

  /** Graceful stop: in-flight responses get the configured grace period. */
  @Override
  public void close() throws InterruptedException {
    try {
      server.stop(config.server().shutdownGrace());
    } finally {
      originClient.close();
      cache.close();
    }
  }
}
