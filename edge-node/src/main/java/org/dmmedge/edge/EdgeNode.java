package org.dmmedge.edge;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.edge.config.EdgeConfig;
import org.dmmedge.edge.mobility.EdgeMobility;
import org.dmmedge.edge.mobility.MobilityRequests;
import org.dmmedge.edge.mobility.MovedClients;
import org.dmmedge.edge.mobility.PlaybackTracker;
import org.dmmedge.edge.proxy.AccessLog;
import org.dmmedge.edge.proxy.ProxyHandler;
import org.dmmedge.edge.proxy.ProxyServices;
import org.dmmedge.edge.proxy.RequestListener;
import org.dmmedge.edge.server.EdgeServer;
import org.dmmedge.edge.server.OriginResolver;
import org.dmmedge.origin.HttpClient5OriginClient;
import org.dmmedge.origin.OriginClient;

/**
 * One edge node: builds its parts from an {@link EdgeConfig} (origin client, proxy services,
 * the Netty server) and starts and stops them together. Start and stop from one thread.
 */
public final class EdgeNode implements AutoCloseable {
  /** Clients whose playback position a MAR remembers for context transfer. */
  private static final int MAX_TRACKED_CLIENTS = 4096;
  private final EdgeConfig config;
  private final Clock clock;
  private final OriginClient originClient;
  private final HttpCache cache;
  private final EdgeServer server;
  private final PlaybackTracker playback;
  private final MovedClients moved = new MovedClients();
  private Optional<EdgeMobility> mobility = Optional.empty();

  /**
   * @param clock the time every cache decision uses (a fake one in tests)
   */
  public EdgeNode(EdgeConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.originClient = new HttpClient5OriginClient(config.originClient());
    EdgeServer[] self = new EdgeServer[1];
    OriginResolver resolver = new OriginResolver(config.server().mode(), config.origins(),
        config.name(), () -> self[0].localAddress());
    this.playback = new PlaybackTracker(clock, MAX_TRACKED_CLIENTS);
    ProxyServices services = new ProxyServices(config.name(), resolver, originClient,
        new AccessLog(config.accessLog(), clock), clock, config.cache().targetedCacheControlNames().get(0),
        config.mobility().isPresent() ? new MobilityRequests(playback, moved)
            : RequestListener.NONE);
    this.cache = HttpCache.create(config.cache(), clock);
    this.server = new EdgeServer(config.server(), () -> new ProxyHandler(services, cache));
    self[0] = server;
  }

  /** Starts serving, then the MAR agent when configured; returns the bound address. */
  public InetSocketAddress start() throws InterruptedException {
    try {
      InetSocketAddress bound = server.start();
      startMobility();
      return bound;
    } catch (InterruptedException | RuntimeException e) {
      server.stop(java.time.Duration.ZERO);
      originClient.close();
      cache.close();
      throw e;
    }
  }

  private void startMobility() {
    mobility = config.mobility().map(m -> EdgeMobility.start(m, server, playback, moved, clock));
  }

  /** The MAR side, when this node is a MAR and started. */
  public Optional<EdgeMobility> mobility() {
    return mobility;
  }

  /** The bound address, or null before {@link #start()}. */
  public InetSocketAddress localAddress() {
    return server.localAddress();
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
      mobility.ifPresent(EdgeMobility::close);
      server.stop(config.server().shutdownGrace());
    } finally {
      originClient.close();
      cache.close();
    }
  }
}
