package org.dmmedge.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.dmmedge.cache.fill.Fill;
import org.dmmedge.cache.fill.FillOutcome;
import org.dmmedge.cache.fill.FillReader;
import org.dmmedge.cache.policy.Cacheability;
import org.dmmedge.cache.policy.Freshness;
import org.dmmedge.cache.policy.RequestDirectives;
import org.dmmedge.cache.policy.ResponseDirectives;
import org.dmmedge.cache.policy.Validators;
import org.dmmedge.cache.policy.VarySelector;
import org.dmmedge.cache.range.ByteRange;
import org.dmmedge.cache.range.RangeRequest;
import org.dmmedge.cache.store.MemoryBody;
import org.dmmedge.cache.store.StoredResponse;
import org.dmmedge.cache.store.VariantKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP cache of the edge: RFC 9111 and RFC 5861 semantics over an off-heap memory tier,
 * with collapsed, streamed fills. See cache/README.md for the call sequence.
 *
 * <p>Design. {@link #lookup} is a pure decision plus at most one atomic registry operation:
 * it finds the stored response of the request's variant, judges it with {@link Freshness} and
 * returns a {@link Lookup}. Misses go through the fill registry (key to {@link Fill}): the
 * first request creates and registers the fill and leads it; later ones join it with their
 * own {@link FillReader}. A fill leaves the registry when it ends (after a COMPLETE fill was
 * indexed, so no request falls between) or as soon as it is known not to be storable.
 * Storage (memory and disk tiers, Vary directory) is {@link Storage}; building stored
 * responses from origin fields is {@link ResponseFactory}.
 *
 * <p>Concurrency: every method is thread-safe and non-blocking (no locks held across calls,
 * no I/O on lookups of the memory tier). Fill callbacks into the cache run on the fill
 * writer's thread. Time comes only from the injected {@link Clock}.
 *
 * <p>Ownership: bodies and readers in {@link Lookup} results belong to the caller (see
 * {@link CachedBody}, {@link FillReader}). {@link #close()} releases every stored body.
 */
public final class HttpCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpCache.class);
  private static final int LOOKUP_ATTEMPTS = 4;

  private final CacheConfig config;
  private final Clock clock;
  private final ByteBufAllocator alloc;
  private final ResponseFactory responses;
  private final Storage storage;
  private final ConcurrentHashMap<VariantKey, Fill> fills = new ConcurrentHashMap<>();
  private final Cache<VariantKey, Boolean> hitForPass;
  private final FillOwner fillOwner = new FillOwner();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder staleServed = new LongAdder();
  private final LongAdder revalidations = new LongAdder();
  private final LongAdder followers = new LongAdder();
  private final LongAdder passes = new LongAdder();

  private HttpCache(CacheConfig config, Clock clock, ByteBufAllocator alloc) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.alloc = Objects.requireNonNull(alloc, "alloc");
    this.responses = new ResponseFactory(config);
    this.storage = new Storage(config, responses, alloc);
    this.hitForPass =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(config.hitForPassDuration().toNanos(), TimeUnit.NANOSECONDS)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .build();
  }

  /** A cache with pooled direct buffers from {@link PooledByteBufAllocator#DEFAULT}. */
  public static HttpCache create(CacheConfig config, Clock clock) {
    return create(config, clock, PooledByteBufAllocator.DEFAULT);
  }

  /** A cache whose bodies are allocated from {@code alloc} (direct buffers). */
  public static HttpCache create(CacheConfig config, Clock clock, ByteBufAllocator alloc) {
    return new HttpCache(config, clock, alloc);
  }

  /** The configuration. */
  public CacheConfig config() {
    return config;
  }

  /**
   * Response fields meant for this cache only (the targeted cache-control fields, RFC 9213):
   * never forward them to clients. {@link StoredResponse#clientHeaders()} already lacks them.
   */
  public List<String> fieldsNotForwarded() {
    return responses.targeted().names();
  }

  /** The Age value to send for {@code response} now (RFC 9111 §4.2.3). */
  public long ageSeconds(StoredResponse response) {
    return response.freshness().ageSeconds(clock.millis());
  }

  /** This cache's Cache-Status member for {@code lookup}, now (see {@link CacheStatus}). */
  public String cacheStatus(String cacheName, Lookup lookup) {
    return CacheStatus.of(cacheName, lookup, clock.millis());
  }

  // ---- lookup -----------------------------------------------------------------------------

  /** Decides how to answer {@code request}; see {@link Lookup} for each outcome. */
  public Lookup lookup(CacheRequest request) {
    Objects.requireNonNull(request, "request");
    if (!request.isGetOrHead()) {
      passes.increment();
      return new Lookup.Pass(Lookup.PassReason.METHOD);
    }
    RequestDirectives directives = RequestDirectives.of(request.headers());
    CacheKey key = CacheKey.of(request);
    for (int attempt = 0; attempt < LOOKUP_ATTEMPTS; attempt++) {
      VariantKey variant = variantOf(key, request.headers());
      StoredResponse stored = storedFor(variant, request);
      Lookup result =
          stored != null
              ? fromStored(request, directives, stored)
              : fromNothingStored(request, directives, variant);
      if (result != null) {
        return result;
      }
    }
    passes.increment();
    return new Lookup.Pass(Lookup.PassReason.FILL_UNUSABLE);
  }

  /**
   * The stale response to serve because the origin failed (RFC 5861 §4), when its
   * stale-if-error window (or the request's) allows; empty otherwise (answer 502/504).
   */
  public Optional<Lookup.Stale> staleIfError(CacheRequest request) {
    Objects.requireNonNull(request, "request");
    RequestDirectives directives = RequestDirectives.of(request.headers());
    for (int attempt = 0; attempt < LOOKUP_ATTEMPTS; attempt++) {
      StoredResponse stored = storedFor(variantOf(CacheKey.of(request), request.headers()), request);
      long now = clock.millis();
      if (stored == null || !stored.freshness().staleIfErrorAllowed(directives, now)) {
        return Optional.empty();
      }
      Lookup served = serve(request, stored, false, now, false);
      if (served instanceof Lookup.Stale stale) {
        return Optional.of(stale);
      }
    }
    return Optional.empty();
  }

  private VariantKey variantOf(CacheKey key, Headers requestHeaders) {
    return new VariantKey(
        key, VarySelector.secondaryKey(storage.varyNames(key), requestHeaders));
  }

  /** The stored response usable for this request, or null (RFC 9111 §3.5 for Authorization). */
  private StoredResponse storedFor(VariantKey variant, CacheRequest request) {
    StoredResponse stored = storage.get(variant);
    if (stored != null && request.headers().contains("Authorization")) {
      var directives = stored.directives();
      boolean shareable = directives.isPublic() || directives.mustRevalidate()
          || directives.sMaxAge() != ResponseDirectives.ABSENT;
      return shareable ? stored : null;
    }
    return stored;
  }

  private Lookup fromStored(
      CacheRequest request, RequestDirectives directives, StoredResponse stored) {
    long now = clock.millis();
    return switch (stored.freshness().verdict(directives, now)) {
      case FRESH -> serve(request, stored, true, now, false);
      case STALE_ACCEPTED -> serve(request, stored, false, now, false);
      case STALE_WHILE_REVALIDATE -> serve(request, stored, false, now, true);
      case MUST_REVALIDATE -> mustRevalidate(request, directives, stored, now);
    };
  }

  /**
   * Serves a usable stored response; null when its body vanished meanwhile (retry). The
   * background revalidation ({@code revalidate}) is registered only once a stale body is
   * actually served, so it is never abandoned after others could join it.
   */
  private Lookup serve(
      CacheRequest request, StoredResponse stored, boolean fresh, long now, boolean revalidate) {
    long age = stored.freshness().ageSeconds(now);
    Lookup conditional = clientConditional(request, stored, age);
    if (conditional != null) {
      countServed(fresh);
      return conditional;
    }
    Optional<ByteRange> range = Optional.empty();
    long offset = 0;
    long length = stored.bodyLength();
    if (!request.isHead() && stored.status() == 200 && request.headers().contains("Range")) {
      Optional<RangeRequest> rangeRequest = RangeRequest.of(request.headers(), stored.headers());
      if (rangeRequest.isPresent()) {
        range = rangeRequest.get().resolve(length);
        if (range.isEmpty()) {
          countServed(fresh);
          return new Lookup.Unsatisfiable(stored, ByteRange.unsatisfiedContentRange(length));
        }
        offset = range.get().offset();
        length = range.get().length();
      }
    }
    CachedBody body;
    try {
      body = stored.body().open(offset, request.isHead() ? 0 : length);
    } catch (IOException e) {
      log.warn("cannot open stored body of {}: {}", stored.key().uri(), e.toString());
      body = null;
    }
    if (body == null) {
      return null;
    }
    countServed(fresh);
    if (body instanceof CachedBody.File) {
      storage.servedFromDisk(stored);
    }
    if (fresh) {
      return new Lookup.Fresh(stored, body, age, range);
    }
    Fill revalidation = revalidate ? backgroundFill(stored, request) : null;
    return new Lookup.Stale(
        stored, body, age, range, Optional.ofNullable(revalidation),
        Validators.conditionalHeaders(stored.headers()));
  }

  private void countServed(boolean fresh) {
    (fresh ? hits : staleServed).increment();
  }

  private static Lookup clientConditional(CacheRequest request, StoredResponse stored, long age) {
    Headers headers = request.headers();
    boolean conditional = headers.contains("If-None-Match") || headers.contains("If-Modified-Since")
        || headers.contains("If-Match") || headers.contains("If-Unmodified-Since");
    if (!conditional) {
      return null;
    }
    return switch (Validators.evaluate(headers, stored.headers())) {
      case NOT_MODIFIED -> new Lookup.NotModified(
          stored, Validators.notModifiedHeaders(stored.clientHeaders()), age);
      case PRECONDITION_FAILED -> new Lookup.PreconditionFailed(stored);
      case NONE -> null;
    };
  }

  /** Registers the single background revalidation of a stale entry, or null if one runs. */
  private Fill backgroundFill(StoredResponse stored, CacheRequest request) {
    Fill[] created = new Fill[1];
    Fill fill = fills.computeIfAbsent(
        stored.variantKey(), variant -> created[0] = newFill(variant, request, stored, true));
    if (fill != created[0]) {
      return null;
    }
    revalidations.increment();
    return fill;
  }

  private Lookup mustRevalidate(
      CacheRequest request, RequestDirectives directives, StoredResponse stored, long now) {
    if (directives.onlyIfCached()) {
      return new Lookup.OnlyIfCachedMiss();
    }
    VariantKey variant = stored.variantKey();
    Fill fill;
    Fill running = request.isHead() ? fills.get(variant) : null;
    if (running != null) {
      return join(running, request); // a GET revalidates it already
    }
    if (request.headers().contains("Authorization") || request.isHead()) {
      // Private: an authorized response may not suit others; a HEAD revalidation (sent as
      // HEAD, RFC 9111 §4.3.5) has no body for others to share.
      fill = newFill(variant, request, stored, false);
    } else {
      Fill[] created = new Fill[1];
      fill = fills.computeIfAbsent(
          variant, v -> created[0] = newFill(v, request, stored, true));
      if (fill != created[0]) {
        return join(fill, request);
      }
    }
    FillReader reader = fill.newReader(request);
    revalidations.increment();
    return new Lookup.MustRevalidate(
        stored, fill, reader, Validators.conditionalHeaders(stored.headers()),
        stored.freshness().staleIfErrorAllowed(directives, now));
  }

  private Lookup fromNothingStored(
      CacheRequest request, RequestDirectives directives, VariantKey variant) {
    Fill running = fills.get(variant);
    if (running != null && !request.headers().contains("Authorization")) {
      return join(running, request);
    }
    if (directives.onlyIfCached()) {
      return new Lookup.OnlyIfCachedMiss();
    }
    if (hitForPass.getIfPresent(variant) != null) {
      passes.increment();
      return new Lookup.Pass(Lookup.PassReason.HIT_FOR_PASS);
    }
    if (directives.noStore()) {
      passes.increment();
      return new Lookup.Pass(Lookup.PassReason.NO_STORE);
    }
    if (request.isHead()) {
      passes.increment();
      return new Lookup.Pass(Lookup.PassReason.HEAD_MISS);
    }
    if (request.headers().contains("Authorization")) {
      Fill own = newFill(variant, request, null, false);
      misses.increment();
      return new Lookup.Miss(own, own.newReader(request));
    }
    Fill[] created = new Fill[1];
    Fill fill = fills.computeIfAbsent(variant, v -> created[0] = newFill(v, request, null, true));
    if (fill != created[0]) {
      return join(fill, request);
    }
    if (storage.inMemory(variant) && fill.withdrawIfUnjoined()) {
      // A fill completed between our index miss and our registration: use its entry (if a
      // follower joined ours meanwhile, lead it anyway rather than fail that follower).
      return null;
    }
    misses.increment();
    return new Lookup.Miss(fill, fill.newReader(request));
  }

  /** Joins a running fill; null when it no longer takes readers (retry the lookup). */
  private Lookup join(Fill running, CacheRequest request) {
    FillReader reader = running.newReader(request);
    if (reader == null) {
      fills.remove(running.key(), running);
      return null;
    }
    followers.increment();
    return new Lookup.JoinFill(running, reader);
  }

  private Fill newFill(
      VariantKey variant, CacheRequest request, StoredResponse revalidating, boolean shared) {
    return new Fill(
        variant, request, fillOwner, alloc, config.maxObjectBytes(), clock.millis(),
        revalidating, shared);
  }

  // ---- invalidation -----------------------------------------------------------------------

  /**
   * Invalidates every stored variant of {@code key} in every tier, and keeps fills in progress
   * for it from being stored (RFC 9111 §4.4). Returns the number of stored copies removed (a
   * variant held in memory and on disk counts twice).
   */
  public int invalidate(CacheKey key) {
    Objects.requireNonNull(key, "key");
    // Fills first: a fill completing meanwhile either sees the mark or is removed below.
    invalidateFills(key::equals);
    hitForPass.asMap().keySet().removeIf(variant -> variant.key().equals(key));
    int removed = storage.invalidate(key);
    return removed;
  }

  /**
   * Invalidation after a request with an unsafe method (RFC 9111 §4.4): when the response is
   * not an error (2xx, 3xx), the target URI and the URIs of Location and Content-Location with
   * the same authority are invalidated. Does nothing for safe methods. Returns the entries
   * removed.
   */
  public int invalidateAfter(CacheRequest request, int status, Headers responseHeaders) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(responseHeaders, "responseHeaders");
    String method = request.method();
    boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
        || method.equals("TRACE");
    if (safe || status < 200 || status >= 400) {
      return 0;
    }
    CacheKey target = new CacheKey(
        "GET", request.scheme(), request.authority(), request.pathAndQuery());
    int removed = invalidate(target);
    for (String field : List.of("Location", "Content-Location")) {
      String reference = responseHeaders.get(field);
      CacheKey other = reference == null ? null : resolve(target, reference.trim());
      if (other != null && other.authority().equals(target.authority())
          && !other.equals(target)) {
        removed += invalidate(other);
      }
    }
    return removed;
  }

  private static CacheKey resolve(CacheKey base, String reference) {
    try {
      URI resolved = URI.create(base.uri()).resolve(reference);
      return CacheKey.parse("GET", resolved.toString());
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  /**
   * Purges the entries of one absolute URI (all variants, all tiers).
   *
   * @throws IllegalArgumentException if {@code absoluteUri} is not an absolute http(s) URI
   */
  public int purge(String absoluteUri) {
    return invalidate(CacheKey.parse("GET", absoluteUri));
  }

  /**
   * Purges every entry whose absolute URI ({@link CacheKey#uri()}) starts with {@code
   * uriPrefix}, e.g. {@code http://origin.example/videos/}. Returns the entries removed.
   */
  public int purgePrefix(String uriPrefix) {
    Objects.requireNonNull(uriPrefix, "uriPrefix");
    invalidateFills(key -> key.uri().startsWith(uriPrefix));
    int removed = storage.invalidateIf(key -> key.uri().startsWith(uriPrefix));
    return removed;
  }

  /** Marks matching fills not to be stored and takes them out of the registry. */
  private void invalidateFills(Predicate<CacheKey> matches) {
    fills.forEach(
        (variant, fill) -> {
          if (matches.test(variant.key())) {
            fill.invalidate();
            fills.remove(variant, fill);
          }
        });
  }

  /**
   * Waits until entries completed so far are written to the disk tier (for tests and orderly
   * shutdown). Returns false when {@code timeout} passed first; true at once without disk.
   */
  public boolean flushDisk(Duration timeout) throws InterruptedException {
    return storage.flush(timeout);
  }

  // ---- stats and lifecycle ----------------------------------------------------------------

  /** A snapshot of the counters and gauges. */
  public CacheStats stats() {
    Storage.Gauges tiers = storage.gauges();
    return new CacheStats(
        hits.sum(), misses.sum(), staleServed.sum(), revalidations.sum(), followers.sum(),
        passes.sum(), tiers.evictions(), tiers.memoryBytes(), tiers.memoryObjects(),
        tiers.diskBytes(), tiers.diskObjects(), fills.size(), tiers.promotions());
  }

  /**
   * Releases every body held in memory, aborts fills in progress, finishes pending disk
   * writes and closes the disk tier (its files stay for the next start). Readers and bodies
   * already handed out stay valid until their owners release them.
   */
  @Override
  public void close() {
    fills.forEach((variant, fill) -> fill.abort(new IllegalStateException("cache closed")));
    fills.clear();
    storage.close();
  }

  // ---- fill callbacks ---------------------------------------------------------------------

  /** Policy and indexing for fills; runs on the fill writer's thread. */
  private final class FillOwner implements Fill.Owner {
    @Override
    public Fill.HeadDecision onHead(Fill fill, int status, Headers headers) {
      CacheRequest request = fill.request();
      RequestDirectives requestDirectives = RequestDirectives.of(request.headers());
      Cacheability cacheability = Cacheability.evaluate(
          "GET", request.headers(), requestDirectives, status, headers,
          responses.targeted().select(headers), config.maxObjectBytes());
      if (!cacheability.storable()) {
        if (cacheability.reason() != Cacheability.Reason.NO_STORE_REQUEST
            && cacheability.reason() != Cacheability.Reason.AUTHORIZATION
            && !config.hitForPassDuration().isZero()) {
          hitForPass.put(fill.key(), Boolean.TRUE);
        }
        return new Fill.HeadDecision(cacheability, null);
      }
      StoredResponse head = responses.head(
          fill.key().key(), request, status, headers, fill.requestTimeMillis(), clock.millis());
      return new Fill.HeadDecision(cacheability, head);
    }

    @Override
    public Fill.Refreshed onNotModified(Fill fill, Headers headers) {
      return storage.refresh(
          fill.revalidating(), headers, fill.requestTimeMillis(), clock.millis());
    }

    @Override
    public Fill.Refreshed onHeadUpdate(Fill fill, Headers headers) {
      return storage.refreshFromHead(
          fill.revalidating(), headers, fill.requestTimeMillis(), clock.millis());
    }

    @Override
    public void onComplete(Fill fill, StoredResponse head, ByteBuf body) {
      storage.store(responses.complete(head, new MemoryBody(body)), fill::isInvalidated);
    }

    @Override
    public void onOverflow(Fill fill) {
      fills.remove(fill.key(), fill);
      if (!config.hitForPassDuration().isZero()) {
        hitForPass.put(fill.key(), Boolean.TRUE);
      }
    }

    @Override
    public void onEnd(Fill fill, FillOutcome outcome) {
      fills.remove(fill.key(), fill);
    }
  }
}
