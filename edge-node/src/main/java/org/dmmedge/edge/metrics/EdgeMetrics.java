package org.dmmedge.edge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.dmmedge.cache.CacheStats;
import org.dmmedge.edge.proxy.RequestObserver;
import org.dmmedge.edge.tunnel.TunnelStats;

/**
 * The edge node's metrics, in one Micrometer registry scraped as Prometheus text
 * ({@link #scrape()}, served at {@code GET /metrics} by the admin API).
 *
 * <ul>
 *   <li>{@code edge_requests_total{status,cache}}: answered client requests by status and
 *       {@code X-Cache} result; {@code edge_client_bytes_total}: body bytes to clients;
 *       {@code edge_client_latency_seconds}: request head to end of response (histogram).
 *   <li>{@code edge_origin_bytes_total}, {@code edge_origin_latency_seconds} (request sent to
 *       response head, histogram), {@code edge_origin_errors_total}: see
 *       {@link MeteredOriginClient}.
 *   <li>From the cache: {@code edge_cache_inflight_fills}, {@code
 *       edge_cache_collapsed_followers_total}, {@code edge_cache_evictions_total}, {@code
 *       edge_cache_hits_total}, {@code edge_cache_misses_total}, {@code
 *       edge_cache_memory_bytes}, {@code edge_cache_disk_bytes}, {@code
 *       edge_cache_objects{tier}}.
 *   <li>{@code edge_prefetches_total}: fills without a client (pre-warming, prefetch).
 *   <li>CONNECT tunnels: {@code edge_requests_total{status="200",cache="tunnel"}} per ended
 *       tunnel, {@code edge_tunnel_bytes_total{direction=from_client|to_client}}, and the
 *       gauges {@code edge_tunnels_open}, {@code edge_tunnels_connecting}, {@code
 *       edge_tunnels_buffered_bytes}.
 *   <li>JVM memory, GC, threads, class loading, CPU and uptime.
 * </ul>
 * Thread-safe.
 */
public final class EdgeMetrics implements RequestObserver, AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** The {@code X-Cache} values sent (see {@code RequestObserver}), in table order. */
  private static final List<String> RESULTS =
      List.of("HIT", "MISS", "STALE", "REVALIDATED", "BYPASS", "NONE");

  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<Counter> requestTable =
      new AtomicReferenceArray<>(500 * RESULTS.size());
  private final Counter clientBytes;
  private final Counter tunnelBytesFromClient;
  private final Counter tunnelBytesToClient;
  private final Timer clientLatency;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  /** What bound meters read: Micrometer holds meter state weakly, and a lambda has no owner. */
  private final java.util.List<Object> boundState =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public EdgeMetrics() {
    clientBytes = Counter.builder("edge.client.bytes").baseUnit("bytes")
        .description("Body bytes sent to clients").register(registry);
    tunnelBytesFromClient = tunnelBytes("from_client", "Bytes relayed from clients");
    tunnelBytesToClient = tunnelBytes("to_client", "Bytes relayed to clients");
    clientLatency = Timer.builder("edge.client.latency")
        .description("From a request's head to the end of its response")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  private Counter tunnelBytes(String direction, String description) {
    return Counter.builder("edge.tunnel.bytes").baseUnit("bytes").tag("direction", direction)
        .description(description + " through CONNECT tunnels").register(registry);
  }

  /** The registry, for other parts of the node to add their meters. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Prometheus text exposition format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void completed(int status, String cacheResult, long bytes, long durationNanos) {
    requestCounter(status, cacheResult).increment();
    clientBytes.increment(bytes);
    clientLatency.record(durationNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void tunnelled(long bytesFromClient, long bytesToClient, long durationNanos) {
    requests.computeIfAbsent("200|tunnel", k -> Counter.builder("edge.requests")
        .description("Answered client requests").tag("status", "200").tag("cache", "tunnel")
        .register(registry)).increment();
    tunnelBytesFromClient.increment(bytesFromClient);
    tunnelBytesToClient.increment(bytesToClient);
  }

  /** Exposes the CONNECT tunnels' gauges; {@code stats} is read at each scrape. */
  public void bindTunnels(Supplier<TunnelStats> stats) {
    boundState.add(stats);
    Gauge.builder("edge.tunnels.open", stats, s -> s.get().open())
        .description("CONNECT tunnels relaying bytes").register(registry);
    Gauge.builder("edge.tunnels.connecting", stats, s -> s.get().connecting())
        .description("CONNECT requests connecting to their destination").register(registry);
    Gauge.builder("edge.tunnels.buffered", stats, s -> s.get().bufferedBytes())
        .baseUnit("bytes").description("Bytes held in tunnels' write buffers")
        .register(registry);
  }

  /**
   * The counter of {@code edge_requests_total{status,cache}}: looked up in a table by status
   * and {@code X-Cache} value (no tag building, no string keys per request); registered on
   * first use, and through the map for values outside the table.
   */
  private Counter requestCounter(int status, String cacheResult) {
    int result = RESULTS.indexOf(cacheResult);
    if (status < 100 || status > 599 || result < 0) {
      return requests.computeIfAbsent(status + "|" + cacheResult,
          k -> registerRequests(status, cacheResult));
    }
    int slot = (status - 100) * RESULTS.size() + result;
    Counter counter = requestTable.get(slot);
    if (counter == null) {
      counter = registerRequests(status, cacheResult); // idempotent: a race registers one
      requestTable.set(slot, counter);
    }
    return counter;
  }

  private Counter registerRequests(int status, String cacheResult) {
    return Counter.builder("edge.requests").description("Answered client requests")
        .tag("status", Integer.toString(status))
        .tag("cache", cacheResult.toLowerCase(Locale.ROOT)).register(registry);
  }

  /**
   * Exposes the cache's counters and gauges; {@code stats} is read at each scrape (and kept
   * reachable here).
   */
  public void bindCache(Supplier<CacheStats> stats) {
    boundState.add(stats);
    FunctionCounter.builder("edge.cache.hits", stats, s -> s.get().hits())
        .description("Lookups answered from a fresh stored response").register(registry);
    FunctionCounter.builder("edge.cache.misses", stats, s -> s.get().misses())
        .description("Lookups that led a fill").register(registry);
    FunctionCounter.builder("edge.cache.collapsed.followers", stats,
        s -> s.get().collapsedFollowers())
        .description("Lookups that joined a fill in progress").register(registry);
    FunctionCounter.builder("edge.cache.evictions", stats, s -> s.get().evictions())
        .description("Entries evicted by size").register(registry);
    FunctionCounter.builder("edge.cache.promotions", stats, s -> s.get().promotions())
        .description("Disk entries read back into memory after repeated disk hits")
        .register(registry);
    Gauge.builder("edge.cache.inflight.fills", stats, s -> s.get().inFlightFills())
        .description("Fills in progress").register(registry);
    Gauge.builder("edge.cache.memory", stats, s -> s.get().memoryBytes()).baseUnit("bytes")
        .description("Body bytes held in memory").register(registry);
    Gauge.builder("edge.cache.disk", stats, s -> s.get().diskBytes()).baseUnit("bytes")
        .description("Body bytes held on disk").register(registry);
    Gauge.builder("edge.cache.objects", stats, s -> s.get().memoryObjects()).tag("tier", "memory")
        .description("Stored entries").register(registry);
    Gauge.builder("edge.cache.objects", stats, s -> s.get().diskObjects()).tag("tier", "disk")
        .description("Stored entries").register(registry);
  }

  /** Exposes the count of fills without a client connection. */
  public void bindPrefetches(LongSupplier count) {
    boundState.add(count);
    FunctionCounter.builder("edge.prefetches", count, LongSupplier::getAsLong)
        .description("Fills without a client (pre-warming, prefetch)").register(registry);
  }

  /** Meters for origin traffic (see {@link MeteredOriginClient}). */
  OriginMeters originMeters() {
    return new OriginMeters(
        Counter.builder("edge.origin.bytes").baseUnit("bytes")
            .description("Body bytes received from origins").register(registry),
        Timer.builder("edge.origin.latency")
            .description("From sending a request to an origin to its response head")
            .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(60)).register(registry),
        Counter.builder("edge.origin.errors")
            .description("Origin requests that failed").register(registry));
  }

  /** The origin meters, kept together. */
  record OriginMeters(Counter bytes, Timer latency, Counter errors) {}

  @Override
  public void close() {
    gc.close();
    registry.close();
  }

}
