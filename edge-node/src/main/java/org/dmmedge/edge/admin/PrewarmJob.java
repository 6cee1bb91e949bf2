package org.dmmedge.edge.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.dmmedge.edge.fill.Bandwidth;
import org.dmmedge.edge.fill.CacheFiller;
import org.dmmedge.edge.fill.FillResult;

/**
 * One pre-warming job: fills a list of URLs through the {@link CacheFiller}, at most
 * {@code concurrency} at a time, optionally under a shared {@link Bandwidth} cap.
 *
 * <p>Concurrency: starting fills and recording results happen only on {@code executor} (the
 * node's single background thread), one task per completed fill, so the job's bookkeeping is
 * confined there and a long run of already-cached URLs cannot grow the stack. Counters are
 * read by admin threads for progress; they only ever grow. Cancelling stops new fills; fills
 * already running finish (clients may be joined to them) and are counted.
 */
final class PrewarmJob {
  /** Where a job is. */
  enum State { RUNNING, DONE, CANCELLED }

  private static final int MAX_FAILURES_LISTED = 100;

  private final String id;
  private final String source;
  private final List<String> urls;
  private final int concurrency;
  private final Optional<Bandwidth> bandwidth;
  private final CacheFiller filler;
  private final Executor executor;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong cached = new AtomicLong();
  private final AtomicLong joined = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final List<Map<String, String>> failures = new ArrayList<>();
  private int next;
  private int inFlight;
  private volatile long endNanos;
  private volatile boolean cancelled;
  private volatile State state = State.RUNNING;

  PrewarmJob(String id, String source, List<String> urls, int concurrency,
      Optional<Bandwidth> bandwidth, CacheFiller filler, Executor executor,
      LongSupplier nanoTime) {
    this.id = id;
    this.source = source;
    this.urls = List.copyOf(urls);
    this.concurrency = concurrency;
    this.bandwidth = bandwidth;
    this.filler = filler;
    this.executor = executor;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  String id() {
    return id;
  }

  State state() {
    return state;
  }

  void start() {
    executor.execute(this::pump);
  }

  /** Stops starting fills; the job ends when the running ones have. */
  void cancel() {
    cancelled = true;
    executor.execute(this::pump);
  }

  private void pump() {
    while (!cancelled && inFlight < concurrency && next < urls.size()) {
      String url = urls.get(next++);
      inFlight++;
      filler.fill(url, bandwidth).whenCompleteAsync((result, error) -> {
        inFlight--;
        record(result != null ? result
            : new FillResult(url, FillResult.Outcome.FAILED, 0, String.valueOf(error)));
        pump();
      }, executor);
    }
    if (inFlight == 0 && state == State.RUNNING && (cancelled || next == urls.size())) {
      endNanos = nanoTime.getAsLong();
      state = cancelled && done() < urls.size() ? State.CANCELLED : State.DONE;
    }
  }

  private void record(FillResult r) {
    bytes.addAndGet(r.bytes());
    switch (r.outcome()) {
      case STORED -> stored.incrementAndGet();
      case ALREADY_CACHED -> cached.incrementAndGet();
      case JOINED -> joined.incrementAndGet();
      case FAILED -> {
        synchronized (failures) {
          if (failures.size() < MAX_FAILURES_LISTED) {
            failures.add(Map.of("url", r.url(), "reason", r.reason()));
          }
        }
        failed.incrementAndGet();
      }
    }
  }

  private long done() {
    return stored.get() + cached.get() + joined.get() + failed.get();
  }

  /** A snapshot: every count only grows from one snapshot to the next. */
  Map<String, Object> progress() {
    long done = done();
    long end = state == State.RUNNING ? nanoTime.getAsLong() : endNanos;
    double seconds = Math.max(1e-9, (end - startNanos) / 1e9);
    long total = urls.size();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", id);
    p.put("source", source);
    p.put("state", state.name().toLowerCase());
    p.put("total", total);
    p.put("done", done);
    p.put("stored", stored.get());
    p.put("alreadyCached", cached.get());
    p.put("joined", joined.get());
    p.put("failed", failed.get());
    synchronized (failures) {
      p.put("failures", List.copyOf(failures));
    }
    p.put("bytes", bytes.get());
    p.put("elapsedSeconds", seconds);
    p.put("bytesPerSecond", bytes.get() / seconds);
    Double eta = null; // unknown until something is done
    if (state != State.RUNNING) {
      eta = 0.0;
    } else if (done > 0) {
      eta = (total - done) * seconds / done;
    }
    p.put("etaSeconds", eta);
    return p;
  }
}
