package org.dmmedge.edge.prefetch;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The DASH awareness meters, read from {@link DashAwareness} at each scrape:
 * <ul>
 *   <li>{@code edge_prefetch_requested_total}, {@code edge_prefetch_fetched_total} (stored by a
 *       prefetch), {@code edge_prefetch_already_cached_total}, {@code
 *       edge_prefetch_failed_total}, {@code edge_prefetch_dropped_total} (queue full), {@code
 *       edge_prefetch_hits_total} (prefetched, later served from the cache), {@code
 *       edge_prefetch_late_total} (asked for while the prefetch ran), {@code
 *       edge_prefetch_wasted_total} (forgotten unasked); gauges {@code edge_prefetch_inflight},
 *       {@code edge_prefetch_queued};
 *   <li>{@code edge_dash_manifests} (remembered now), {@code edge_dash_manifests_parsed_total},
 *       {@code edge_dash_manifests_invalid_total}, {@code edge_dash_overloaded_total};
 *   <li>from CMCD: {@code edge_cmcd_requests_total}, {@code edge_cmcd_invalid_total}, {@code
 *       edge_cmcd_hints_total}, {@code edge_cmcd_starvations_total} ({@code bs}), {@code
 *       edge_cmcd_buffer_reports_total} and {@code edge_cmcd_buffer_milliseconds_total}
 *       ({@code bl}; their ratio is the mean reported buffer), {@code
 *       edge_cmcd_throughput_reports_total} and {@code edge_cmcd_throughput_kbps_total}
 *       ({@code mtp}), {@code edge_cmcd_sessions} (distinct recent {@code sid}s).
 * </ul>
 */
public final class DashMetrics {
  private DashMetrics() {}

  /** Registers the meters of {@code dash} in {@code registry}. */
  public static void bind(DashAwareness dash, MeterRegistry registry) {
    prefetch(registry, dash, "edge.prefetch.requested", PrefetchStats::requested,
        "Segments accepted for prefetch");
    prefetch(registry, dash, "edge.prefetch.fetched", PrefetchStats::prefetched,
        "Prefetches that fetched and stored an object");
    prefetch(registry, dash, "edge.prefetch.already.cached", PrefetchStats::alreadyCached,
        "Prefetches of objects stored or being fetched already");
    prefetch(registry, dash, "edge.prefetch.failed", PrefetchStats::failed,
        "Prefetches that stored nothing");
    prefetch(registry, dash, "edge.prefetch.dropped", PrefetchStats::dropped,
        "Prefetches refused because the queue was full");
    prefetch(registry, dash, "edge.prefetch.hits", PrefetchStats::hits,
        "Prefetched objects later served to a client from the cache");
    prefetch(registry, dash, "edge.prefetch.late", PrefetchStats::late,
        "Prefetched objects a client asked for while the prefetch ran");
    prefetch(registry, dash, "edge.prefetch.wasted", PrefetchStats::wasted,
        "Prefetched objects forgotten before any client asked");
    Gauge.builder("edge.prefetch.inflight", dash, d -> d.scheduler().stats().inFlight())
        .description("Prefetch fills running").register(registry);
    Gauge.builder("edge.prefetch.queued", dash, d -> d.scheduler().stats().queued())
        .description("Prefetches waiting for a slot").register(registry);
    Gauge.builder("edge.dash.manifests", dash, d -> d.tracker().size())
        .description("MPDs remembered").register(registry);
    counter(registry, dash, "edge.dash.manifests.parsed", d -> d.tracker().parsed(),
        "MPD versions parsed");
    counter(registry, dash, "edge.dash.manifests.invalid", d -> d.tracker().invalid(),
        "MPD documents that did not parse");
    counter(registry, dash, "edge.dash.overloaded", DashAwareness::overloaded,
        "Answered requests not looked at because the DASH worker was saturated");
    cmcd(registry, dash, "edge.cmcd.requests", CmcdStats::requests, "Requests carrying CMCD");
    cmcd(registry, dash, "edge.cmcd.invalid", CmcdStats::invalid, "CMCD payloads that did not parse");
    cmcd(registry, dash, "edge.cmcd.hints", CmcdStats::hints, "CMCD nor/nrr hints prefetched");
    cmcd(registry, dash, "edge.cmcd.starvations", CmcdStats::starvations,
        "Requests reporting buffer starvation (bs)");
    cmcd(registry, dash, "edge.cmcd.buffer.reports", CmcdStats::bufferReports,
        "Requests reporting a buffer length (bl)");
    cmcd(registry, dash, "edge.cmcd.buffer.milliseconds", CmcdStats::bufferMillisSum,
        "Sum of reported buffer lengths (bl, ms)");
    cmcd(registry, dash, "edge.cmcd.throughput.reports", CmcdStats::throughputReports,
        "Requests reporting a measured throughput (mtp)");
    cmcd(registry, dash, "edge.cmcd.throughput.kbps", CmcdStats::throughputKbpsSum,
        "Sum of reported throughputs (mtp, kbit/s)");
    Gauge.builder("edge.cmcd.sessions", dash, d -> d.cmcdStats().sessions())
        .description("Distinct recent CMCD session ids").register(registry);
  }

  private static void prefetch(MeterRegistry registry, DashAwareness dash, String name,
      ToLongFunction<PrefetchStats> value, String description) {
    counter(registry, dash, name, d -> value.applyAsLong(d.scheduler().stats()), description);
  }

  private static void cmcd(MeterRegistry registry, DashAwareness dash, String name,
      ToLongFunction<CmcdStats> value, String description) {
    counter(registry, dash, name, d -> value.applyAsLong(d.cmcdStats()), description);
  }

  private static void counter(MeterRegistry registry, DashAwareness dash, String name,
      Function<DashAwareness, Long> value, String description) {
    FunctionCounter.builder(name, dash, d -> value.apply(d)).description(description)
        .register(registry);
  }
}
