package org.dmmedge.edge.prefetch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import org.dmmedge.edge.config.PrefetchConfig;
import org.dmmedge.edge.fill.CacheFiller;
import org.dmmedge.edge.fill.FillResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches predicted segments into the cache ahead of the clients, below them in priority.
 *
 * <p>Each URL goes through {@link CacheFiller}, the same collapsed fill path as a client miss:
 * a URL already stored costs a lookup, a URL a client is fetching is joined, and a client
 * that asks while a prefetch runs joins it. Priority: at most {@code concurrency} prefetch
 * fills run at once node-wide (client misses are never limited), the rest wait in a FIFO of
 * {@code queueSize}; beyond that a prefetch is dropped and counted. A URL already queued, in
 * flight, or prefetched and not yet requested is not asked again.
 *
 * <p>Accounting: a prefetch that stored an object is remembered (the last {@value #TRACKED}) until
 * a client asks for it: a hit when served from the cache ({@code X-Cache} HIT or STALE), late
 * when the client came while the prefetch was still running (it joined the fill), wasted when
 * forgotten unasked.
 *
 * <p>Concurrency: thread-safe; the state is guarded by {@code this}, fills are started and
 * their completions handled outside the lock. Never blocks: {@link CacheFiller#fill} returns
 * at once.
 */
public final class PrefetchScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(PrefetchScheduler.class);
  static final int TRACKED = 4096;

  private final CacheFiller filler;
  private final PrefetchConfig config;
  private final Executor starter;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final Set<String> pending = new HashSet<>();
  private final Set<String> claimed = new HashSet<>();
  private final LinkedHashMap<String, Boolean> unused = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      if (size() > TRACKED) {
        wasted++;
        return true;
      }
      return false;
    }
  };
  private int inFlight;
  private long requested;
  private long stored;
  private long alreadyCached;
  private long failed;
  private long dropped;
  private long hits;
  private long late;
  private long wasted;

  /**
   * @param starter where fills are started (a worker thread: a fill that ends starts the next
   *     one, and that must not happen on the origin client's I/O thread that ended it)
   */
  public PrefetchScheduler(CacheFiller filler, PrefetchConfig config, Executor starter) {
    this.filler = Objects.requireNonNull(filler, "filler");
    this.config = Objects.requireNonNull(config, "config");
    this.starter = Objects.requireNonNull(starter, "starter");
  }

  /** Prefetches {@code urls} (absolute, as clients request them), in order. */
  public void submit(List<String> urls) {
    List<String> start = new ArrayList<>(urls.size());
    synchronized (this) {
      for (String url : urls) {
        if (pending.contains(url) || unused.containsKey(url)) {
          continue;
        }
        requested++;
        if (inFlight < config.concurrency()) {
          inFlight++;
          pending.add(url);
          start.add(url);
        } else if (queue.size() < config.queueSize()) {
          pending.add(url);
          queue.add(url);
        } else {
          dropped++;
        }
      }
    }
    start.forEach(this::start);
  }

  private void start(String url) {
    filler.fill(url).whenComplete((result, error) -> done(url, result));
  }

  private void done(String url, FillResult result) {
    String next;
    synchronized (this) {
      pending.remove(url);
      boolean used = claimed.remove(url);
      if (result == null || result.outcome() == FillResult.Outcome.FAILED) {
        failed++;
        LOG.debug("prefetch of {} failed: {}", url, result == null ? "?" : result.reason());
      } else if (result.outcome() == FillResult.Outcome.STORED) {
        stored++;
        if (!used) {
          unused.put(url, Boolean.TRUE);
        }
      } else {
        alreadyCached++;
      }
      next = queue.poll();
      if (next == null) {
        inFlight--;
      }
    }
    if (next != null) {
      String following = next;
      starter.execute(() -> start(following));
    }
  }

  /**
   * Tells the scheduler a client was answered for {@code url} with {@code xCache}
   * ({@code HIT}, {@code STALE}, {@code MISS}...): a prefetched URL counts as hit or late.
   */
  public void served(String url, String xCache) {
    synchronized (this) {
      if (unused.remove(url) != null) {
        if (xCache.equals("HIT") || xCache.equals("STALE")) {
          hits++;
        } else {
          late++;
        }
      } else if (pending.contains(url) && claimed.add(url)) {
        late++;
      }
    }
  }

  /** Whether {@link #served} would count {@code url}: it is being or was prefetched, unused. */
  public synchronized boolean awaits(String url) {
    return unused.containsKey(url) || pending.contains(url);
  }

  /** Whether nothing is queued or in flight. */
  public synchronized boolean idle() {
    return inFlight == 0 && queue.isEmpty();
  }

  /** The counters now. */
  public synchronized PrefetchStats stats() {
    return new PrefetchStats(requested, stored, alreadyCached, failed, dropped, hits, late,
        wasted, inFlight, queue.size());
  }
}
