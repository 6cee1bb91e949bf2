package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.CacheFixtures.get;
import static org.dmmedge.cache.CacheFixtures.request;
import static org.dmmedge.cache.CacheFixtures.response;
import static org.dmmedge.cache.CacheFixtures.store;
import static org.dmmedge.cache.CacheFixtures.text;

import java.time.Duration;
import java.util.List;
import org.dmmedge.cache.fill.FillOutcome;
import org.dmmedge.cache.fill.FillReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lookup decisions of the facade over stored entries. */
class HttpCacheTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final HttpCache cache = HttpCache.create(
      CacheConfig.builder().targetedCacheControlNames(
          List.of("Edge-Cache-Control", "CDN-Cache-Control")).build(), clock);

  @AfterEach
  void close() {
    cache.close();
  }

  @Test
  void missThenFreshHitServesTheStoredBodyWithAge() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60"), "hello");
    clock.advance(Duration.ofSeconds(5));

    Lookup lookup = cache.lookup(get("/a"));

    assertThat(lookup).isInstanceOf(Lookup.Fresh.class);
    Lookup.Fresh fresh = (Lookup.Fresh) lookup;
    assertThat(fresh.ageSeconds()).isEqualTo(5);
    assertThat(cache.ageSeconds(fresh.response())).isEqualTo(5);
    assertThat(fresh.response().clientHeaders().get("Content-Length")).isEqualTo("5");
    assertThat(text(fresh.body())).isEqualTo("hello");
    assertThat(cache.stats().hits()).isEqualTo(1);
    assertThat(cache.stats().misses()).isEqualTo(1);
  }

  @Test
  void ageFromTheOriginCountsButIsNotRepeatedInTheStoredFields() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "Age", "20"), "x");
    clock.advance(Duration.ofSeconds(5));

    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/a"));

    assertThat(fresh.ageSeconds()).isEqualTo(25);
    assertThat(fresh.response().clientHeaders().contains("Age")).isFalse();
    fresh.body().release();
    clock.advance(Duration.ofSeconds(35));
    assertThat(cache.lookup(get("/a"))).isInstanceOf(Lookup.MustRevalidate.class)
        .satisfies(l -> closeRevalidation((Lookup.MustRevalidate) l));
  }

  @Test
  void headIsServedFromTheGetEntryWithoutBody() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60"), "hello");

    Lookup.Fresh head = (Lookup.Fresh) cache.lookup(request("HEAD", "/a"));

    assertThat(head.body().length()).isZero();
    assertThat(head.response().clientHeaders().get("Content-Length")).isEqualTo("5");
    head.body().release();
    assertThat(cache.lookup(request("HEAD", "/b")))
        .isEqualTo(new Lookup.Pass(Lookup.PassReason.HEAD_MISS));
  }

  @Test
  void unsafeAndUnknownMethodsPass() {
    assertThat(cache.lookup(request("POST", "/a")))
        .isEqualTo(new Lookup.Pass(Lookup.PassReason.METHOD));
    assertThat(cache.lookup(request("PURGEX", "/a")))
        .isEqualTo(new Lookup.Pass(Lookup.PassReason.METHOD));
  }

  @Test
  void requestNoStorePassesOnAMissButMayUseAStoredResponse() {
    assertThat(cache.lookup(get("/a", "Cache-Control", "no-store")))
        .isEqualTo(new Lookup.Pass(Lookup.PassReason.NO_STORE));
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60"), "hello");
    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/a", "Cache-Control", "no-store"));
    fresh.body().release();
  }

  @Test
  void staleMustRevalidateAnd304RefreshesHeadersAndAge() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"v1\"",
        "X-Version", "1"), "hello");
    clock.advance(Duration.ofSeconds(61));

    Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) cache.lookup(get("/a"));
    Lookup.JoinFill waiting = (Lookup.JoinFill) cache.lookup(get("/a"));

    assertThat(revalidate.conditionalHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(revalidate.fill().isRevalidation()).isTrue();
    assertThat(revalidate.staleIfError()).isFalse();
    assertThat(revalidate.fill().notModified(response(clock, "Cache-Control", "max-age=60",
        "X-Version", "2", "Content-Length", "0"))).isTrue();
    for (FillReader reader : List.of(revalidate.reader(), waiting.reader())) {
      StringBuilder body = new StringBuilder();
      CacheFixtures.drain(reader, body);
      assertThat(body).hasToString("hello");
      assertThat(reader.head().clientHeaders().get("X-Version")).isEqualTo("2");
      assertThat(reader.status()).isEqualTo(FillReader.Status.END);
      reader.close();
    }

    Lookup.Fresh again = (Lookup.Fresh) cache.lookup(get("/a"));
    assertThat(again.ageSeconds()).isZero();
    assertThat(again.response().clientHeaders().get("X-Version")).isEqualTo("2");
    assertThat(again.response().clientHeaders().get("Content-Length")).isEqualTo("5");
    assertThat(text(again.body())).isEqualTo("hello");
    assertThat(cache.stats().revalidations()).isEqualTo(1);
  }

  @Test
  void a304WithoutDateGetsTheReceiptTimeSoTheAgeRestarts() {
    store(cache, get("/dateless"), Headers.of("Cache-Control", "max-age=60"), "x");
    Lookup.Fresh dateless = (Lookup.Fresh) cache.lookup(get("/dateless"));
    assertThat(dateless.response().clientHeaders().get("Date"))
        .isEqualTo(org.dmmedge.cache.policy.HttpDates.format(clock.millis()));
    dateless.body().release();
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"v1\""),
        "hello");
    clock.advance(Duration.ofSeconds(100));
    Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) cache.lookup(get("/a"));

    revalidate.fill().notModified(Headers.of("Cache-Control", "max-age=60"));
    revalidate.reader().close();

    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/a"));
    assertThat(fresh.ageSeconds()).isZero();
    assertThat(org.dmmedge.cache.policy.HttpDates.parse(
        fresh.response().clientHeaders().get("Date"))).isEqualTo(clock.millis());
    fresh.body().release();
  }

  @Test
  void a304ForAnotherRepresentationSendsEveryoneToTheOrigin() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"v1\""),
        "old");
    clock.advance(Duration.ofSeconds(61));
    Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) cache.lookup(get("/a"));
    FillReader follower = ((Lookup.JoinFill) cache.lookup(get("/a"))).reader();

    assertThat(revalidate.fill().notModified(response(clock, "ETag", "\"v2\""))).isFalse();

    assertThat(follower.status()).isEqualTo(FillReader.Status.UNCACHEABLE);
    assertThat(cache.stats().memoryObjects()).isZero();
    follower.close();
    revalidate.reader().close();
  }

  @Test
  void revalidationAnsweredWithANewBodyReplacesTheEntry() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"v1\""),
        "old");
    clock.advance(Duration.ofSeconds(61));
    Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) cache.lookup(get("/a"));

    CacheFixtures.fillWith(revalidate.fill(), 200, response(clock, "Cache-Control",
        "max-age=60", "ETag", "\"v2\""), "new");
    revalidate.reader().close();

    assertThat(text(((Lookup.Fresh) cache.lookup(get("/a"))).body())).isEqualTo("new");
  }

  @Test
  void staleWhileRevalidateServesStaleAndStartsOneBackgroundRevalidation() {
    store(cache, get("/a"), response(clock, "Cache-Control",
        "max-age=60, stale-while-revalidate=30", "ETag", "\"v1\""), "hello");
    clock.advance(Duration.ofSeconds(70));

    Lookup.Stale first = (Lookup.Stale) cache.lookup(get("/a"));
    Lookup.Stale second = (Lookup.Stale) cache.lookup(get("/a"));

    assertThat(first.revalidation()).isPresent();
    assertThat(second.revalidation()).isEmpty();
    assertThat(first.conditionalHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(first.ageSeconds()).isEqualTo(70);
    assertThat(text(first.body())).isEqualTo("hello");
    assertThat(text(second.body())).isEqualTo("hello");
    assertThat(cache.stats().staleServed()).isEqualTo(2);

    first.revalidation().get().notModified(response(clock, "Cache-Control", "max-age=60"));
    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/a"));
    assertThat(fresh.ageSeconds()).isZero();
    fresh.body().release();
  }

  @Test
  void maxStaleServesStaleWithoutRevalidation() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60"), "hello");
    clock.advance(Duration.ofSeconds(70));

    Lookup.Stale stale = (Lookup.Stale) cache.lookup(get("/a", "Cache-Control", "max-stale=20"));

    assertThat(stale.revalidation()).isEmpty();
    assertThat(text(stale.body())).isEqualTo("hello");
  }

  @Test
  void staleWhileRevalidateAnswered304ToTheClientLeavesTheRevalidationToTheNextRequest() {
    store(cache, get("/a"), response(clock, "Cache-Control",
        "max-age=60, stale-while-revalidate=30", "ETag", "\"v1\""), "hello");
    clock.advance(Duration.ofSeconds(70));

    assertThat(cache.lookup(get("/a", "If-None-Match", "\"v1\"")))
        .isInstanceOf(Lookup.NotModified.class);
    assertThat(cache.stats().inFlightFills()).isZero();
    Lookup.Stale next = (Lookup.Stale) cache.lookup(get("/a"));
    assertThat(next.revalidation()).isPresent();
    next.revalidation().get().abort(new IllegalStateException("test over"));
    next.body().release();
  }

  @Test
  void headJoinsAFillAndEndsAfterTheHead() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    FillReader head = ((Lookup.JoinFill) cache.lookup(request("HEAD", "/a"))).reader();

    miss.fill().start(200, response(clock, "Cache-Control", "max-age=60"));

    assertThat(head.headReady()).isTrue();
    assertThat(head.status()).isEqualTo(FillReader.Status.END);
    assertThat(head.readSlice(100)).isNull();
    miss.fill().abort(new IllegalStateException("test over"));
    head.close();
    miss.reader().close();
  }

  @Test
  void staleIfErrorServesStaleWhenTheOriginFails() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60, stale-if-error=300"),
        "hello");
    clock.advance(Duration.ofSeconds(120));

    Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) cache.lookup(get("/a"));
    assertThat(revalidate.staleIfError()).isTrue();
    revalidate.fill().abort(new java.net.ConnectException("origin down"));
    assertThat(revalidate.reader().status()).isEqualTo(FillReader.Status.ABORTED);
    revalidate.reader().close();

    Lookup.Stale stale = cache.staleIfError(get("/a")).orElseThrow();
    assertThat(stale.ageSeconds()).isEqualTo(120);
    assertThat(text(stale.body())).isEqualTo("hello");
    clock.advance(Duration.ofSeconds(300));
    assertThat(cache.staleIfError(get("/a"))).isEmpty();
  }

  @Test
  void onlyIfCachedAnswersFromCacheOr504() {
    assertThat(cache.lookup(get("/a", "Cache-Control", "only-if-cached")))
        .isInstanceOf(Lookup.OnlyIfCachedMiss.class);
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60"), "hello");
    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/a", "Cache-Control", "only-if-cached"));
    fresh.body().release();
    clock.advance(Duration.ofSeconds(61));
    assertThat(cache.lookup(get("/a", "Cache-Control", "only-if-cached")))
        .isInstanceOf(Lookup.OnlyIfCachedMiss.class);
  }

  @Test
  void authorizationRequestsUseOnlySharedResponsesAndNeverCollapse() {
    store(cache, get("/private"), response(clock, "Cache-Control", "max-age=60"), "x");
    Lookup withCredentials = cache.lookup(get("/private", "Authorization", "Bearer t"));
    assertThat(withCredentials).isInstanceOf(Lookup.Miss.class);
    Lookup.Miss miss = (Lookup.Miss) withCredentials;
    assertThat(miss.fill().isShared()).isFalse();
    assertThat(cache.lookup(get("/private", "Authorization", "Bearer u")))
        .isInstanceOf(Lookup.Miss.class)
        .satisfies(other -> {
          ((Lookup.Miss) other).fill().abort(new IllegalStateException("test over"));
          ((Lookup.Miss) other).reader().close();
        });
    CacheFixtures.fillWith(miss.fill(), 200, response(clock, "Cache-Control",
        "public, max-age=60"), "shared");
    miss.reader().close();

    Lookup.Fresh shared = (Lookup.Fresh) cache.lookup(get("/private", "Authorization", "B y"));
    assertThat(text(shared.body())).isEqualTo("shared");
  }

  @Test
  void varyKeepsSeveralVariantsPerUri() {
    store(cache, get("/v", "Accept-Encoding", "gzip"), response(clock,
        "Cache-Control", "max-age=60", "Vary", "Accept-Encoding"), "gzip-body");
    Lookup br = cache.lookup(get("/v", "Accept-Encoding", "br"));
    assertThat(br).isInstanceOf(Lookup.Miss.class);
    CacheFixtures.fillWith(((Lookup.Miss) br).fill(), 200, response(clock,
        "Cache-Control", "max-age=60", "Vary", "Accept-Encoding"), "br-body");
    ((Lookup.Miss) br).reader().close();

    assertThat(text(((Lookup.Fresh) cache.lookup(get("/v", "Accept-Encoding", "gzip"))).body()))
        .isEqualTo("gzip-body");
    assertThat(text(((Lookup.Fresh) cache.lookup(get("/v", "Accept-Encoding", " br "))).body()))
        .isEqualTo("br-body");
    assertThat(cache.stats().memoryObjects()).isEqualTo(2);

    assertThat(cache.invalidate(CacheKey.parse("GET", CacheFixtures.ORIGIN + "/v"))).isEqualTo(2);
    assertThat(cache.stats().memoryObjects()).isZero();
  }

  @Test
  void varyStarIsNeverStored() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/star"));
    assertThat(miss.fill().start(200, response(clock, "Cache-Control", "max-age=60",
        "Vary", "*")).storable()).isFalse();
    miss.reader().close();
  }

  @Test
  void clientConditionalsAreAnsweredFromCache() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"v1\"",
        "Content-Type", "video/mp4"), "hello");

    Lookup.NotModified notModified =
        (Lookup.NotModified) cache.lookup(get("/a", "If-None-Match", "W/\"v1\""));
    assertThat(notModified.headers().get("ETag")).isEqualTo("\"v1\"");
    assertThat(notModified.headers().contains("Content-Type")).isFalse();
    assertThat(cache.lookup(get("/a", "If-Match", "\"v2\"")))
        .isInstanceOf(Lookup.PreconditionFailed.class);
    Lookup.Fresh changed = (Lookup.Fresh) cache.lookup(get("/a", "If-None-Match", "\"v0\""));
    changed.body().release();
  }

  @Test
  void rangesAreServedFromTheStoredObject() {
    store(cache, get("/r"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"v1\""),
        "0123456789");

    Lookup.Fresh partial = (Lookup.Fresh) cache.lookup(get("/r", "Range", "bytes=2-4"));
    assertThat(partial.range().orElseThrow().contentRange()).isEqualTo("bytes 2-4/10");
    assertThat(text(partial.body())).isEqualTo("234");

    Lookup.Fresh suffix = (Lookup.Fresh) cache.lookup(get("/r", "Range", "bytes=-3"));
    assertThat(text(suffix.body())).isEqualTo("789");

    Lookup.Unsatisfiable unsatisfiable =
        (Lookup.Unsatisfiable) cache.lookup(get("/r", "Range", "bytes=10-"));
    assertThat(unsatisfiable.contentRange()).isEqualTo("bytes */10");

    Lookup.Fresh ifRangeMismatch = (Lookup.Fresh) cache.lookup(
        get("/r", "Range", "bytes=2-4", "If-Range", "\"v0\""));
    assertThat(ifRangeMismatch.range()).isEmpty();
    assertThat(text(ifRangeMismatch.body())).isEqualTo("0123456789");

    Lookup.Fresh multiple = (Lookup.Fresh) cache.lookup(get("/r", "Range", "bytes=0-1,4-5"));
    assertThat(multiple.range()).isEmpty();
    multiple.body().release();
  }

  @Test
  void targetedCacheControlDecidesAndIsNotForwarded() {
    store(cache, get("/t"), response(clock, "Cache-Control", "no-store",
        "Edge-Cache-Control", "max-age=600", "CDN-Cache-Control", "max-age=5"), "edge");
    clock.advance(Duration.ofSeconds(100));

    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/t"));

    assertThat(fresh.response().clientHeaders().contains("Edge-Cache-Control")).isFalse();
    assertThat(fresh.response().clientHeaders().contains("CDN-Cache-Control")).isFalse();
    assertThat(fresh.response().clientHeaders().get("Cache-Control")).isEqualTo("no-store");
    assertThat(cache.fieldsNotForwarded())
        .containsExactly("Edge-Cache-Control", "CDN-Cache-Control");
    fresh.body().release();
  }

  @Test
  void hopByHopFieldsAreNotStored() {
    store(cache, get("/h"), response(clock, "Cache-Control", "max-age=60",
        "Connection", "close, X-Hop", "X-Hop", "1", "Keep-Alive", "timeout=5", "X-End", "2"), "x");

    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/h"));

    Headers stored = fresh.response().clientHeaders();
    assertThat(stored.contains("Connection")).isFalse();
    assertThat(stored.contains("X-Hop")).isFalse();
    assertThat(stored.contains("Keep-Alive")).isFalse();
    assertThat(stored.get("X-End")).isEqualTo("2");
    fresh.body().release();
  }

  @Test
  void unsafeMethodsInvalidateTargetLocationAndContentLocation() {
    for (String path : List.of("/doc", "/doc/2", "/other", "/third")) {
      store(cache, get(path), response(clock, "Cache-Control", "max-age=60"), path);
    }

    int removed = cache.invalidateAfter(request("POST", "/doc"), 201, Headers.of(
        "Location", "/doc/2", "Content-Location", "http://elsewhere.test/other"));

    assertThat(removed).isEqualTo(2);
    assertThat(cache.lookup(get("/doc"))).isInstanceOf(Lookup.Miss.class)
        .satisfies(l -> closeMiss((Lookup.Miss) l));
    assertThat(cache.lookup(get("/doc/2"))).isInstanceOf(Lookup.Miss.class)
        .satisfies(l -> closeMiss((Lookup.Miss) l));
    ((Lookup.Fresh) cache.lookup(get("/other"))).body().release();
    assertThat(cache.invalidateAfter(request("DELETE", "/third"), 500, Headers.empty())).isZero();
    assertThat(cache.invalidateAfter(request("GET", "/third"), 200, Headers.empty())).isZero();
    assertThat(cache.invalidateAfter(request("DELETE", "/third"), 204, Headers.empty()))
        .isEqualTo(1);
  }

  @Test
  void invalidationDuringAFillKeepsItFromBeingStored() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/busy"));
    miss.fill().start(200, response(clock, "Cache-Control", "max-age=60"));

    cache.purge(CacheFixtures.ORIGIN + "/busy");
    miss.fill().append(io.netty.buffer.Unpooled.copiedBuffer("x".getBytes()));
    miss.fill().complete();

    assertThat(miss.fill().outcome()).isEqualTo(FillOutcome.UNCACHEABLE);
    assertThat(cache.stats().memoryObjects()).isZero();
    miss.reader().close();
  }

  @Test
  void purgeByExactUriAndByPrefix() {
    for (String path : List.of("/videos/a/1.m4s", "/videos/a/2.m4s", "/videos/b/1.m4s", "/x")) {
      store(cache, get(path), response(clock, "Cache-Control", "max-age=60"), path);
    }

    assertThat(cache.purge("HTTP://ORIGIN.TEST:80/x")).isEqualTo(1);
    assertThat(cache.purgePrefix(CacheFixtures.ORIGIN + "/videos/a/")).isEqualTo(2);
    assertThat(cache.stats().memoryObjects()).isEqualTo(1);
    ((Lookup.Fresh) cache.lookup(get("/videos/b/1.m4s"))).body().release();
  }

  @Test
  void evictionUnderTheMemoryBudgetReleasesBodies() {
    try (HttpCache small = HttpCache.create(
        CacheConfig.builder().memoryBudgetBytes(64 * 1024).build(), clock)) {
      String body = "x".repeat(10_000);
      for (int i = 0; i < 50; i++) {
        store(small, get("/e/" + i), response(clock, "Cache-Control", "max-age=60"), body);
      }

      CacheStats stats = small.stats();
      assertThat(stats.evictions()).isGreaterThanOrEqualTo(44);
      assertThat(stats.memoryBytes()).isLessThanOrEqualTo(64 * 1024);
      assertThat(stats.memoryObjects()).isEqualTo(50 - stats.evictions());
    }
  }

  @Test
  void bodiesHandedOutSurviveEvictionAndClose() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60"), "hello");
    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/a"));

    cache.purge(CacheFixtures.ORIGIN + "/a");
    cache.close();

    assertThat(text(fresh.body())).isEqualTo("hello");
  }

  @Test
  void closeAbortsFillsInFlight() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/inflight"));
    miss.fill().start(200, response(clock, "Cache-Control", "max-age=60"));
    miss.fill().append(io.netty.buffer.Unpooled.copiedBuffer("partial".getBytes()));

    cache.close();

    assertThat(miss.reader().status()).isEqualTo(FillReader.Status.ABORTED);
    assertThat(miss.fill().append(io.netty.buffer.Unpooled.copiedBuffer("x".getBytes())))
        .isFalse();
    miss.reader().close();
  }

  private static void closeRevalidation(Lookup.MustRevalidate revalidate) {
    revalidate.fill().abort(new IllegalStateException("test over"));
    revalidate.reader().close();
  }

  private static void closeMiss(Lookup.Miss miss) {
    miss.fill().abort(new IllegalStateException("test over"));
    miss.reader().close();
  }
}
