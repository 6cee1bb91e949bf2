package org.dmmedge.edge;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.cache.HttpCache;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dmmedge.edge.admin.AdminServer;
import org.dmmedge.edge.config.EdgeConfig;
import org.dmmedge.edge.mobility.EdgeMobility;
import org.dmmedge.edge.mobility.MobilityRequests;
import org.dmmedge.edge.mobility.MovedClients;
import org.dmmedge.edge.mobility.PlaybackTracker;
import org.dmmedge.edge.fill.CacheFiller;
import org.dmmedge.edge.metrics.EdgeMetrics;
import org.dmmedge.edge.prefetch.DashAwareness;
import org.dmmedge.edge.prefetch.DashMetrics;
import org.dmmedge.edge.metrics.MeteredOriginClient;
import org.dmmedge.edge.proxy.AccessLog;
import org.dmmedge.edge.proxy.PurgeMethod;
import org.dmmedge.edge.proxy.ProxyServices;
import org.dmmedge.edge.proxy.RequestListener;
import org.dmmedge.edge.server.EdgeServer;
import org.dmmedge.edge.server.OriginResolver;
import org.dmmedge.edge.server.Transport;
import org.dmmedge.edge.tunnel.Tunnels;
import org.dmmedge.origin.HttpClient5OriginClient;
import org.dmmedge.origin.OriginClient;

/**
 * One edge node: builds its parts from an {@link EdgeConfig} (origin client, proxy services,
 * CONNECT tunnels, the Netty server, metrics, the fill service for clientless fills, the admin
 * API when enabled) and starts and stops them together. Start and stop from one thread.
 */
public final class EdgeNode implements AutoCloseable {
  /** Clients whose playback position a MAR remembers for context transfer. */
  private static final int MAX_TRACKED_CLIENTS = 4096;
  private final EdgeConfig config;
  private final Clock clock;
  private final EdgeMetrics metrics = new EdgeMetrics();
  private final ScheduledExecutorService background =
      Executors.newSingleThreadScheduledExecutor(EdgeNode::backgroundThread);
  private final OriginClient originClient;
  private final HttpCache cache;
  private final EdgeServer server;
  private final Tunnels tunnels;
  private final OriginResolver resolver;
  private final CacheFiller filler;
  private final DashAwareness dash;
  private AdminServer admin;
  private final PlaybackTracker playback;
  private final MovedClients moved = new MovedClients();
  private Optional<EdgeMobility> mobility = Optional.empty();

  /**
   * @param clock the time every cache decision uses (a fake one in tests)
   */
  public EdgeNode(EdgeConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.originClient = new MeteredOriginClient(
        new HttpClient5OriginClient(config.originClient()), metrics);
    EdgeServer[] self = new EdgeServer[1];
    OriginResolver resolver = new OriginResolver(config.server().mode(), config.origins(),
        config.name(), () -> self[0].localAddress());
    this.resolver = resolver;
    this.playback = new PlaybackTracker(clock, MAX_TRACKED_CLIENTS);
    this.tunnels = new Tunnels(config.server().connect(), Transport.detect());
    metrics.bindTunnels(tunnels::stats);
    ProxyServices services = new ProxyServices(config.name(), resolver, originClient,
        new AccessLog(config.accessLog(), config.logging().accessFormat(), clock, metrics),
        clock, config.cache().targetedCacheControlNames().get(0),
        config.mobility().isPresent() ? new MobilityRequests(playback, moved)
            : RequestListener.NONE, tunnels);
    this.cache = HttpCache.create(config.cache(), clock);
    this.filler = new CacheFiller(cache, resolver, originClient, services.via(), background);
    metrics.bindCache(cache::stats);
    metrics.bindPrefetches(filler::filled);
    this.dash = new DashAwareness(config.prefetch(), cache, filler, clock);
    DashMetrics.bind(dash, metrics.registry());
    this.server = new EdgeServer(config.server(), () -> PurgeMethod.handler(services, cache,
        client -> config.admin().purgeNetworks().stream().anyMatch(n -> n.contains(client)),
        dash));
    self[0] = server;
  }

  /** Starts serving, the admin API when enabled, then the MAR agent when configured. */
  public InetSocketAddress start() throws InterruptedException {
    try {
      InetSocketAddress bound = server.start();
      if (config.admin().enabled()) {
        admin = AdminServer.start(this);
      }
      startMobility();
      return bound;
    } catch (InterruptedException | RuntimeException e) {
      server.stop(java.time.Duration.ZERO);
      releaseParts();
      throw e;
    }
  }

  private void startMobility() {
    mobility = config.mobility().map(m -> EdgeMobility.start(m, server, playback, moved, filler,
        clock));
  }

  /** The MAR side, when this node is a MAR and started. */
  public Optional<EdgeMobility> mobility() {
    return mobility;
  }

  /** The admin server, when enabled and started. */
  public Optional<AdminServer> admin() {
    return Optional.ofNullable(admin);
  }

  /** The time every cache decision uses. */
  public Clock clock() {
    return clock;
  }

  /** The node's metrics. */
  public EdgeMetrics metrics() {
    return metrics;
  }

  /** The DASH awareness: tracked manifests, playback contexts, prefetch, CMCD counters. */
  public DashAwareness dash() {
    return dash;
  }

  /** Fills without a client connection (pre-warming, prefetch). */
  public CacheFiller filler() {
    return filler;
  }

  /** How client requests are routed (the admin API routes URLs the same way). */
  public OriginResolver resolver() {
    return resolver;
  }

  /** The origin client (metered). */
  public OriginClient originClient() {
    return originClient;
  }

  /** A single background thread for cheap timed tasks (bandwidth pacing, fill followers). */
  public ScheduledExecutorService background() {
    return background;
  }

  private static Thread backgroundThread(Runnable task) {
    Thread t = new Thread(task, "edge-background");
    t.setDaemon(true);
    return t;
  }

  private void releaseParts() {
    if (admin != null) {
      admin.close();
    }
    dash.close();
    background.shutdownNow();
    originClient.close();
    tunnels.close();
    cache.close();
    metrics.close();
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
      releaseParts();
    }
  }
}
