package org.dmmedge.edge.prefetch;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.edge.config.PrefetchConfig;
import org.dmmedge.edge.fill.CacheFiller;
import org.dmmedge.edge.proxy.RequestTap;
import org.dmmedge.edge.server.Route;
import org.dmmedge.mpd.model.ByteRange;
import org.dmmedge.mpd.predict.Cmcd;
import org.dmmedge.mpd.predict.CmcdParseException;
import org.dmmedge.mpd.predict.CmcdParser;
import org.dmmedge.mpd.predict.SegmentPosition;
import org.dmmedge.mpd.segment.SegmentRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's DASH awareness (DESIGN.md, request path step 5), as a {@link RequestTap}.
 *
 * <ul>
 *   <li>CMCD (CTA-5004): the {@code CMCD} query parameter and {@code CMCD-*} headers are parsed
 *       (a bad payload is counted and ignored: the request is served all the same); the query
 *       parameter never reaches the cache key, and neither it nor the headers reach the origin
 *       unless {@code cmcdForward}. Values feed {@link CmcdStats}.
 *   <li>A manifest answered to a client (Content-Type {@code application/dash+xml}, or a path
 *       ending in {@code .mpd}) is read back from the cache once its fill is complete
 *       ({@link StoredDocuments}; an MPD the cache did not store is fetched once more,
 *       bounded) and given to the {@link ManifestTracker}.
 *   <li>A segment answered (200/206; as its head goes out, which gives the prefetch the
 *       whole transfer time as a head start) is matched to its manifest and position; the client's
 *       {@link PlaybackContext} is updated; then the next {@code segments} of the same
 *       Representation (and with {@code neighbours} the next segment of the neighbouring
 *       bandwidths) go to the {@link PrefetchScheduler}, unless the request carried a CMCD
 *       {@code nor} or {@code nrr} hint: the object it names is prefetched instead.
 * </ul>
 *
 * <p>Threads: {@link #begin} and the answer callback run on the event loop and only parse CMCD
 * and hand over (only answers the worker has something to do for, see {@code worthLooking}); the rest (reading and parsing MPDs, matching, scheduling) runs on one worker
 * thread with a bounded queue (work that does not fit is dropped and counted). {@link #close}
 * stops it.
 */
public final class DashAwareness implements RequestTap, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashAwareness.class);
  private static final int WORK_QUEUE = 4096;

  private final PrefetchConfig config;
  private final HttpCache cache;
  private final CacheFiller filler;
  private final ManifestTracker tracker;
  private final PrefetchScheduler scheduler;
  private final CmcdCounters cmcd = new CmcdCounters();
  private final LongAdder overloaded = new LongAdder();
  private final AtomicInteger pending = new AtomicInteger();
  private final ThreadPoolExecutor worker;

  public DashAwareness(PrefetchConfig config, HttpCache cache, CacheFiller filler,
      java.time.Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.filler = Objects.requireNonNull(filler, "filler");
    this.tracker = new ManifestTracker(config, clock);
    // A start the saturated worker refuses runs where the last fill ended: a slot never leaks.
    this.scheduler = new PrefetchScheduler(filler, config, task -> {
      if (!work(task)) {
        task.run();
      }
    });
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(WORK_QUEUE), task -> {
          Thread t = new Thread(task, "edge-dash");
          t.setDaemon(true);
          return t;
        });
  }

  public ManifestTracker tracker() {
    return tracker;
  }

  public PrefetchScheduler scheduler() {
    return scheduler;
  }

  public CmcdStats cmcdStats() {
    return cmcd.stats();
  }

  /** Served responses not looked at because the worker's queue was full. */
  public long overloaded() {
    return overloaded.sum();
  }

  /**
   * Whether every answered request has been looked at (nothing waits for or runs on the worker)
   * and no prefetch is queued or in flight. A request counts from just before its response head
   * is written, so once a client has a response head, {@code idle()} covers what it caused.
   */
  public boolean idle() {
    return pending.get() == 0 && scheduler.idle();
  }

  @Override
  public Tap begin(SocketAddress client, HttpRequest request, Route route) {
    Optional<Cmcd> data = cmcd(request, route.pathAndQuery());
    String stripped = Cmcd.stripQueryParameter(route.pathAndQuery());
    Route keyed = stripped.equals(route.pathAndQuery()) ? route
        : new Route(route.target(), stripped, route.hostHeader(), route.scheme(),
            route.authority());
    Route answered = keyed;
    if (config.cmcdForward()) {
      answered = route; // the cache key drops CMCD by itself (CacheRequests)
    } else {
      CmcdParser.HEADERS.forEach(name -> request.headers().remove(name));
    }
    if (!config.enabled() || !request.method().equals(HttpMethod.GET)) {
      return new Tap(answered, Answered.NONE);
    }
    String url = route.scheme() + "://" + route.authority() + stripped;
    Optional<ByteRange> range = range(request.headers().get(HttpHeaderNames.RANGE));
    InetAddress from = client instanceof InetSocketAddress a ? a.getAddress() : null;
    return new Tap(answered, (status, xCache, contentType) -> {
      Served served = new Served(url, keyed, range, from, data, status,
          xCache.equals("NONE") ? "" : xCache, contentType);
      if (worthLooking(served)) {
        work(() -> handle(served));
      }
    });
  }

  /**
   * Runs {@code task} on the worker; false (and counted) when the worker is saturated.
   */
  private boolean work(Runnable task) {
    pending.incrementAndGet();
    try {
      worker.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("DASH awareness task failed", e);
        } finally {
          pending.decrementAndGet();
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      overloaded.increment();
      return false;
    }
  }

  /** What the worker needs to know about one answered request. */
  private record Served(String url, Route route, Optional<ByteRange> range, InetAddress client,
      Optional<Cmcd> cmcd, int status, String xCache, String contentType) {}

  private Optional<Cmcd> cmcd(HttpRequest request, String pathAndQuery) {
    try {
      int q = pathAndQuery.indexOf('?');
      Cmcd fromQuery = q < 0 ? Cmcd.EMPTY : CmcdParser.fromQuery(pathAndQuery.substring(q + 1));
      Cmcd found = fromQuery.isEmpty()
          ? CmcdParser.fromHeaders(name -> Optional.ofNullable(request.headers().get(name)))
          : fromQuery;
      if (found.isEmpty()) {
        return Optional.empty();
      }
      cmcd.record(found);
      return Optional.of(found);
    } catch (CmcdParseException e) {
      cmcd.invalid();
      LOG.debug("ignoring CMCD of {}: {}", pathAndQuery, e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<ByteRange> range(String header) {
    if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
      return Optional.empty();
    }
    try {
      return Optional.of(ByteRange.parse(header.substring("bytes=".length()).trim()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the worker has anything to do for {@code s}: a manifest to read, a CMCD payload, a
   * tracked manifest the object may belong to, or a prefetch it may have used. Other answers
   * are not handed over, so a node without DASH traffic pays no thread hand-off per request.
   */
  private boolean worthLooking(Served s) {
    return s.cmcd().isPresent() || tracker.size() > 0 || scheduler.awaits(s.url())
        || isManifest(s);
  }

  private void handle(Served s) {
    scheduler.served(s.url(), s.xCache());
    if (s.status() != 200 && s.status() != 206) {
      return;
    }
    if (isManifest(s)) {
      if (tracker.wants(s.url())) {
        readManifest(s);
      }
      return;
    }
    Optional<String> hint = s.cmcd().filter(c -> config.cmcdHints()).flatMap(c -> hint(c, s));
    Optional<ManifestTracker.Located> at = tracker.locate(s.url(), s.range());
    if (at.isPresent() && s.client() != null) {
      tracker.played(s.client(), at.get());
    }
    if (hint.isPresent()) {
      cmcd.hint();
      scheduler.submit(List.of(hint.get()));
    } else {
      at.ifPresent(located -> scheduler.submit(predicted(located)));
    }
  }

  /**
   * The object a CMCD hint names: {@code nor} (resolved against the request URL), or with only
   * {@code nrr} this same object (CTA-5004: nor is omitted when the next request is another
   * range of it). Ranges are not fetched apart: the cache stores whole objects.
   */
  private static Optional<String> hint(Cmcd c, Served s) {
    if (c.nor().isPresent()) {
      return c.nextObjectUrl(s.url()).map(DashAwareness::withoutCmcd);
    }
    return c.nextRange().map(range -> s.url());
  }

  private List<String> predicted(ManifestTracker.Located at) {
    var predictor = at.manifest().predictor();
    List<SegmentRef> next = predictor.next(at.position(), config.segments());
    List<String> urls = new ArrayList<>(next.size() + 2);
    next.forEach(ref -> urls.add(ref.url()));
    if (config.neighbours() && !next.isEmpty()) {
      SegmentPosition following = new SegmentPosition(at.position().context(),
          at.position().baseUrl(), next.get(0));
      predictor.neighbours(following).forEach(ref -> urls.add(ref.url()));
    }
    return urls;
  }

  private static String withoutCmcd(String url) {
    int path = url.indexOf('/', url.indexOf("://") + 3);
    return path < 0 ? url : url.substring(0, path) + Cmcd.stripQueryParameter(url.substring(path));
  }

  private static boolean isManifest(Served s) {
    String type = s.contentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("application/dash+xml")) {
      return true;
    }
    String path = s.route().pathAndQuery();
    int q = path.indexOf('?');
    return (q < 0 ? path : path.substring(0, q)).toLowerCase(Locale.ROOT).endsWith(".mpd");
  }

  /**
   * Reads the MPD of {@code s} once it is stored: the fill path joins the fill that is serving
   * the client (or finds the stored copy), then the body is read back from the cache. An MPD
   * the cache does not store is fetched once more, bounded. The read counts as pending work
   * ({@link #idle}) until the MPD is remembered or given up.
   */
  private void readManifest(Served s) {
    pending.incrementAndGet();
    filler.fill(s.url()).whenComplete((result, error) -> {
      if (!work(() -> readStored(s))) {
        pending.decrementAndGet();
      }
    });
  }

  private void readStored(Served s) {
    Optional<byte[]> stored;
    try {
      stored = StoredDocuments.read(cache, s.route(), config.manifestMaxBytes());
    } catch (RuntimeException e) {
      pending.decrementAndGet();
      throw e;
    }
    if (stored.isPresent()) {
      try {
        tracker.remember(s.url(), stored.get());
      } finally {
        pending.decrementAndGet();
      }
      return;
    }
    filler.fetchDocument(s.url(), config.manifestMaxBytes()).whenComplete((doc, failed) -> {
      if (failed != null) {
        LOG.info("MPD {} not tracked: {}", s.url(), failed.toString());
        pending.decrementAndGet();
      } else if (!work(() -> {
        try {
          tracker.remember(s.url(), doc);
        } finally {
          pending.decrementAndGet();
        }
      })) {
        pending.decrementAndGet();
      }
    });
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
