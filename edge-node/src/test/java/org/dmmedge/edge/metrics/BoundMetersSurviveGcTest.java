package org.dmmedge.edge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.dmmedge.cache.CacheStats;
import org.junit.jupiter.api.Test;

/**
 * Regression: Micrometer keeps a meter's state object weakly; meters bound to lambdas read NaN
 * or 0 once a collection ran (seen as edge_prefetches_total 0 after a pre-warm of a running
 * node). EdgeMetrics keeps what it binds reachable.
 */
class BoundMetersSurviveGcTest {
  @Test
  void boundCountersStillReadTheirSourceAfterCollections() {
    AtomicLong prefetches = new AtomicLong();
    try (EdgeMetrics metrics = new EdgeMetrics()) {
      metrics.bindPrefetches(prefetches::get);
      metrics.bindCache(() -> new CacheStats(7, 0, 0, 0, 0, 0, 0, 1234, 1, 0, 0, 2, 0));
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      prefetches.set(5);
      String text = metrics.scrape();
      assertThat(text).contains("edge_prefetches_total 5.0", "edge_cache_hits_total 7.0",
          "edge_cache_memory_bytes 1234.0", "edge_cache_inflight_fills 2.0");
    }
  }
}
