package org.dmmedge.edge;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.edge.config.EdgeConfig;
import org.dmmedge.edge.config.HostPort;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.origin.OriginClientConfig;
import org.dmmedge.testkit.MutableClock;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real edge node on an ephemeral loopback port for one test class, with a hand-moved clock.
 * Register after the {@link OriginServerExtension} it proxies to (static fields start in
 * declaration order); the config supplier runs when the node starts, so it may use the
 * origin's port.
 */
public final class EdgeServerExtension implements BeforeAllCallback, AfterAllCallback {
  public static final String NAME = "edge-test";

  private final Supplier<EdgeConfig> config;
  private final MutableClock clock = MutableClock.startingNow();
  private EdgeNode node;

  public EdgeServerExtension(Supplier<EdgeConfig> config) {
    this.config = config;
  }

  /** A reverse proxy to {@code origin} with short timeouts and a 64 MiB memory cache. */
  public static EdgeServerExtension reverseTo(OriginServerExtension origin) {
    EdgeServerExtension edge = new EdgeServerExtension(() -> config(ProxyMode.REVERSE,
        new OriginsConfig(java.util.Optional.of(origin.uri()), java.util.Map.of())));
    origin.useClock(edge.clock);
    return edge;
  }

  /** A forward proxy (absolute-form targets, else by Host). */
  public static EdgeServerExtension forward() {
    return forward(c -> c);
  }

  /** A forward proxy whose test config {@code change} adjusts (e.g. its prefetch section). */
  public static EdgeServerExtension forward(java.util.function.UnaryOperator<EdgeConfig> change) {
    return new EdgeServerExtension(
        () -> change.apply(config(ProxyMode.FORWARD, OriginsConfig.none())));
  }

  /** As {@link #reverseTo(OriginServerExtension)}, with the config adjusted by {@code change}. */
  public static EdgeServerExtension reverseTo(OriginServerExtension origin,
      java.util.function.UnaryOperator<EdgeConfig> change) {
    EdgeServerExtension edge = new EdgeServerExtension(() -> change.apply(config(
        ProxyMode.REVERSE,
        new OriginsConfig(java.util.Optional.of(origin.uri()), java.util.Map.of()))));
    origin.useClock(edge.clock);
    return edge;
  }

  /** A reverse proxy to {@code origin} whose origin requests time out after {@code timeout}. */
  public static EdgeServerExtension reverseTo(OriginServerExtension origin, Duration timeout) {
    EdgeServerExtension edge = new EdgeServerExtension(() -> withResponseTimeout(
        config(ProxyMode.REVERSE,
            new OriginsConfig(java.util.Optional.of(origin.uri()), java.util.Map.of())),
        timeout));
    origin.useClock(edge.clock);
    return edge;
  }

  static EdgeConfig withResponseTimeout(EdgeConfig c, Duration timeout) {
    OriginClientConfig client = OriginClientConfig.builder().responseTimeout(timeout)
        .connectTimeout(Duration.ofSeconds(2)).connectRetries(1)
        .retryBackoff(Duration.ofMillis(5)).build();
    return new EdgeConfig(c.name(), c.server(), c.origins(), client, c.cache(), c.accessLog());
  }

  static EdgeConfig config(ProxyMode mode, OriginsConfig origins) {
    ServerConfig server = new ServerConfig(new HostPort("127.0.0.1", 0), mode, 8 * 1024,
        2 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(5), 2);
    OriginClientConfig client = OriginClientConfig.builder()
        .responseTimeout(Duration.ofSeconds(15))
        .connectTimeout(Duration.ofSeconds(2))
        .connectRetries(1)
        .retryBackoff(Duration.ofMillis(5))
        .build();
    CacheConfig cache = CacheConfig.builder().memoryBudgetBytes(64L << 20)
        .maxObjectBytes(16L << 20).build();
    return new EdgeConfig(NAME, server, origins, client, cache, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    node = new EdgeNode(config.get(), clock);
    node.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (node != null) {
      node.close();
    }
  }

  /**
   * Waits (bounded, 10 s) until no cache fill is in flight: a client has its last byte as soon
   * as the origin's last byte was copied, a moment before the fill is indexed, so tests that
   * expect a hit next settle first.
   */
  public void settle() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (node.cache().stats().inFlightFills() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("fills still in flight after 10 s");
      }
      Thread.sleep(2);
    }
  }

  public MutableClock clock() {
    return clock;
  }

  public EdgeNode node() {
    return node;
  }

  public int port() {
    return node.localAddress().getPort();
  }

  public InetSocketAddress address() {
    return node.localAddress();
  }

  /** {@code http://127.0.0.1:port/path}. */
  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }
}
