package org.dmmedge.edge.fill;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.cache.Lookup;
import org.dmmedge.cache.fill.Fill;
import org.dmmedge.cache.fill.FillOutcome;
import org.dmmedge.cache.fill.FillReader;
import org.dmmedge.edge.proxy.FillFeeder;
import org.dmmedge.edge.proxy.HttpStatusException;
import org.dmmedge.edge.server.OriginResolver;
import org.dmmedge.edge.server.Route;
import org.dmmedge.origin.BodyFlow;
import org.dmmedge.origin.OriginClient;
import org.dmmedge.origin.OriginException;
import org.dmmedge.origin.OriginRequest;
import org.dmmedge.origin.OriginResponseHandler;
import org.dmmedge.origin.OriginResponseHead;

/**
 * Puts one URL into the cache without a client connection, through the same collapsed fill
 * path as a client miss: the URL is routed like a client's absolute-form GET (so the cache key
 * is the one clients will look up), looked up, and
 * <ul>
 *   <li>stored and usable: nothing is fetched ({@link FillResult.Outcome#ALREADY_CACHED}; a
 *       stale entry whose background revalidation this call won runs it);
 *   <li>a fill for the key is running (a client miss, a prefetch): it is joined and followed
 *       to its end ({@link FillResult.Outcome#JOINED});
 *   <li>a miss or a revalidation: this call leads the fill with a whole, unconditional GET (plus
 *       the stored validators when revalidating); clients that ask meanwhile join it.
 * </ul>
 * What is stored obeys the cache's own rules (storability, size limit, the memory tier's
 * admission policy): a pre-warm cannot force an object in or evict hot ones wholesale.
 *
 * <p>Used by the admin API's pre-warming jobs and meant for DASH prefetch too. Thread-safe;
 * {@link #fill} never blocks. Results complete on the origin client's I/O thread or on
 * {@code followerExecutor}; don't block in their callbacks.
 */
public final class CacheFiller {
  private final HttpCache cache;
  private final OriginResolver resolver;
  private final OriginClient originClient;
  private final String via;
  private final Executor followerExecutor;
  private final LongAdder started = new LongAdder();

  /**
   * @param via this node's {@code Via} entry ({@code 1.1 name}), sent to origins
   * @param followerExecutor a serial executor that drains joined fills (one thread at a time
   *     per reader; cheap work only)
   */
  public CacheFiller(HttpCache cache, OriginResolver resolver, OriginClient originClient,
      String via, Executor followerExecutor) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.originClient = Objects.requireNonNull(originClient, "originClient");
    this.via = Objects.requireNonNull(via, "via");
    this.followerExecutor = Objects.requireNonNull(followerExecutor, "followerExecutor");
  }

  /** Fills started by this filler since start (each URL asked counts once). */
  public long filled() {
    return started.sum();
  }

  /** {@link #fill(String, Optional)} without a bandwidth cap. */
  public CompletableFuture<FillResult> fill(String url) {
    return fill(url, Optional.empty());
  }

  /**
   * Fills the cache with {@code url} (absolute http(s) URL as clients request it).
   *
   * @param bandwidth a cap this fill shares with others, if any
   * @return completes when the object is stored, was already, or could not be; never fails
   *     exceptionally
   */
  public CompletableFuture<FillResult> fill(String url, Optional<Bandwidth> bandwidth) {
    Objects.requireNonNull(url, "url");
    started.increment();
    Route route;
    try {
      route = route(resolver, url);
    } catch (HttpStatusException e) {
      return CompletableFuture.completedFuture(FillResult.failed(url, e.getMessage()));
    }
    Headers headers = Headers.builder().add("Host", route.hostHeader()).build();
    Lookup lookup = cache.lookup(new CacheRequest("GET", route.scheme(), route.authority(),
        route.pathAndQuery(), headers));
    if (lookup instanceof Lookup.Fresh f) {
      f.body().release();
      return done(url, FillResult.Outcome.ALREADY_CACHED);
    } else if (lookup instanceof Lookup.Stale s) {
      s.body().release();
      s.revalidation().ifPresent(fill -> lead(url, route, fill, s.conditionalHeaders(),
          bandwidth));
      return done(url, FillResult.Outcome.ALREADY_CACHED);
    } else if (lookup instanceof Lookup.Miss m) {
      m.reader().close();
      return lead(url, route, m.fill(), Headers.empty(), bandwidth);
    } else if (lookup instanceof Lookup.MustRevalidate m) {
      m.reader().close();
      return lead(url, route, m.fill(), m.conditionalHeaders(), bandwidth);
    } else if (lookup instanceof Lookup.JoinFill j) {
      CompletableFuture<FillResult> result = new CompletableFuture<>();
      new Follower(url, j.reader(), result).start();
      return result;
    } else if (lookup instanceof Lookup.Pass p) {
      return CompletableFuture.completedFuture(
          FillResult.failed(url, "not cacheable (" + p.reason().name().toLowerCase() + ")"));
    }
    return done(url, FillResult.Outcome.ALREADY_CACHED); // conditional answers: it is stored
  }

  /**
   * Fetches a small document (a manifest to expand) straight from the origin of {@code url},
   * routed like a client request, without storing it. Fails with {@link IllegalStateException}
   * naming the status for a non-2xx answer or when the body exceeds {@code maxBytes}, with the
   * origin's exception when the fetch fails, and with {@link HttpStatusException} for a URL
   * this node does not serve.
   */
  public CompletableFuture<byte[]> fetchDocument(String url, long maxBytes) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Route route;
    try {
      route = route(resolver, url);
    } catch (HttpStatusException e) {
      result.completeExceptionally(e);
      return result;
    }
    OriginRequest request = OriginRequest.of("GET", route.target(), route.pathAndQuery(),
        List.of(Map.entry("Host", route.hostHeader()), Map.entry("Via", via)));
    originClient.send(request, new DocumentReader(maxBytes, result));
    return result;
  }

  /** Collects a bounded body into memory. */
  private static final class DocumentReader implements OriginResponseHandler {
    private final long maxBytes;
    private final CompletableFuture<byte[]> result;
    private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    private BodyFlow flow;

    DocumentReader(long maxBytes, CompletableFuture<byte[]> result) {
      this.maxBytes = maxBytes;
      this.result = result;
    }

    @Override
    public void onHead(OriginResponseHead head, BodyFlow bodyFlow) {
      flow = bodyFlow;
      if (head.status() < 200 || head.status() > 299) {
        result.completeExceptionally(
            new IllegalStateException("origin answered " + head.status()));
      }
    }

    @Override
    public void onBody(ByteBuffer chunk) {
      int n = chunk.remaining();
      if (!result.isDone()) {
        if (body.size() + (long) n > maxBytes) {
          result.completeExceptionally(
              new IllegalStateException("document larger than " + maxBytes + " bytes"));
        } else {
          byte[] bytes = new byte[n];
          chunk.get(bytes);
          body.write(bytes, 0, n);
        }
      }
      flow.release(n);
    }

    @Override
    public void onEnd() {
      result.complete(body.toByteArray());
    }

    @Override
    public void onError(OriginException error) {
      result.completeExceptionally(error);
    }
  }

  private static CompletableFuture<FillResult> done(String url, FillResult.Outcome outcome) {
    return CompletableFuture.completedFuture(new FillResult(url, outcome, 0, ""));
  }

  /**
   * Routes {@code url} as an absolute-form client GET would be (reverse mode maps its host to
   * the configured origin); the route's scheme, authority and path are the cache key's.
   *
   * @throws HttpStatusException 400 for a URL that is not absolute http(s), and whatever the
   *     resolver refuses (404 no origin for the host, 508 a loop)
   */
  public static Route route(OriginResolver resolver, String url) {
    int sep = url.indexOf("://");
    if (sep <= 0 || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new HttpStatusException(400, "not an absolute http(s) URL");
    }
    DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
        url);
    return resolver.resolve(request);
  }

  private CompletableFuture<FillResult> lead(String url, Route route, Fill fill,
      Headers conditional, Optional<Bandwidth> bandwidth) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Host", route.hostHeader()));
    conditional.forEach((name, value) -> headers.add(Map.entry(name, value)));
    headers.add(Map.entry("Via", via));
    OriginRequest request = OriginRequest.of("GET", route.target(), route.pathAndQuery(),
        headers);
    CompletableFuture<FillResult> result = new CompletableFuture<>();
    originClient.send(request, new Leader(url, fill, bandwidth, result));
    return result;
  }

  /** Feeds the fill through the proxy's {@link FillFeeder}, counting bytes and pacing credit. */
  private static final class Leader implements OriginResponseHandler {
    private final String url;
    private final Fill fill;
    private final FillFeeder feeder;
    private final Optional<Bandwidth> bandwidth;
    private final CompletableFuture<FillResult> result;
    private final AtomicLong bytes = new AtomicLong();
    private volatile int status;

    Leader(String url, Fill fill, Optional<Bandwidth> bandwidth,
        CompletableFuture<FillResult> result) {
      this.url = url;
      this.fill = fill;
      this.feeder = new FillFeeder(fill);
      this.bandwidth = bandwidth;
      this.result = result;
    }

    @Override
    public void onHead(OriginResponseHead head, BodyFlow flow) {
      status = head.status();
      feeder.onHead(head, bandwidth.map(b -> b.throttle(flow)).orElse(flow));
    }

    @Override
    public void onBody(ByteBuffer chunk) {
      bytes.addAndGet(chunk.remaining());
      feeder.onBody(chunk);
    }

    @Override
    public void onEnd() {
      feeder.onEnd();
      FillOutcome outcome = fill.outcome();
      if (status < 200 || status > 299 && status != 304) {
        // The cache may keep an error (a heuristically fresh 404): still not the content.
        result.complete(FillResult.failed(url, "origin answered " + status));
      } else if (outcome == FillOutcome.COMPLETE || fill.isRevalidation() && status == 304) {
        result.complete(new FillResult(url, FillResult.Outcome.STORED, bytes.get(), ""));
      } else {
        result.complete(FillResult.failed(url, "not stored (origin status " + status + ", "
            + (outcome == null ? "not storable" : outcome.name().toLowerCase()) + ")"));
      }
    }

    @Override
    public void onError(OriginException error) {
      feeder.onError(error);
      result.complete(FillResult.failed(url, "origin: " + error.getMessage()));
    }
  }

  /** Follows a joined fill to its end, releasing what it reads at once. */
  private final class Follower {
    private final String url;
    private final FillReader reader;
    private final CompletableFuture<FillResult> result;

    Follower(String url, FillReader reader, CompletableFuture<FillResult> result) {
      this.url = url;
      this.reader = reader;
      this.result = result;
    }

    void start() {
      reader.listen(() -> followerExecutor.execute(this::drain));
      followerExecutor.execute(this::drain);
    }

    private void drain() {
      if (result.isDone()) {
        return;
      }
      FillReader.Status status = reader.status();
      while (status == FillReader.Status.READABLE) {
        var slice = reader.readSlice(1 << 20);
        if (slice == null) {
          break;
        }
        slice.release();
        status = reader.status();
      }
      switch (status) {
        case END -> finish(new FillResult(url, FillResult.Outcome.JOINED, 0, ""));
        case ABORTED -> finish(FillResult.failed(url, "joined fill aborted"));
        case UNCACHEABLE -> finish(FillResult.failed(url, "joined fill not storable"));
        case RANGE_NOT_SATISFIABLE -> finish(new FillResult(url, FillResult.Outcome.JOINED, 0,
            ""));
        default -> { } // WAITING or READABLE again: the listener fires on progress
      }
    }

    private void finish(FillResult r) {
      reader.close();
      result.complete(r);
    }
  }
}
