package org.dmmedge.edge.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node's request counters, cheap to bump from every event loop (one {@link LongAdder}
 * each): answered requests by cache result ({@code X-Cache}) and by status class, and body bytes
 * sent. Named in the {@code edge.requests} style so an exporter (Micrometer, later) can map
 * them one to one. Thread-safe.
 */
public final class EdgeMetrics {
  private final Map<String, LongAdder> byResult = new ConcurrentHashMap<>();
  private final LongAdder[] byStatusClass = new LongAdder[6];
  private final LongAdder bytesSent = new LongAdder();

  public EdgeMetrics() {
    for (int i = 0; i < byStatusClass.length; i++) {
      byStatusClass[i] = new LongAdder();
    }
  }

  /** One answered request: its status, cache result (e.g. HIT; "NONE" for errors), bytes. */
  public void answered(int status, String cacheResult, long bodyBytes) {
    byStatusClass[Math.max(0, Math.min(5, status / 100))].increment();
    byResult.computeIfAbsent(cacheResult.toUpperCase(Locale.ROOT), k -> new LongAdder())
        .increment();
    bytesSent.add(bodyBytes);
  }

  /** Current values by metric name, e.g. {@code edge.requests.hit}, {@code edge.responses.2xx}. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    byResult.forEach((k, v) -> out.put("edge.requests." + k.toLowerCase(Locale.ROOT), v.sum()));
    for (int i = 1; i < byStatusClass.length; i++) {
      out.put("edge.responses." + i + "xx", byStatusClass[i].sum());
    }
    out.put("edge.bytes.sent", bytesSent.sum());
    return out;
  }
}
