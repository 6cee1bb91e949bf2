package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.CacheFixtures.get;
import static org.dmmedge.cache.CacheFixtures.request;
import static org.dmmedge.cache.CacheFixtures.response;
import static org.dmmedge.cache.CacheFixtures.store;
import static org.dmmedge.cache.CacheFixtures.text;

import java.nio.file.Path;
import java.time.Duration;
import org.dmmedge.cache.fill.FillReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HEAD on a stale entry revalidates with a HEAD of its own, whose 200 updates or invalidates
 * the stored GET response (RFC 9111 §4.3.5); a 304 refreshes it as for a GET (§4.3.4).
 */
class HeadRevalidationTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final HttpCache cache = HttpCache.create(CacheConfig.defaults(), clock);

  @BeforeEach
  void storeAStaleEntry() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"v1\"",
        "X-Version", "1"), "hello");
    clock.advance(Duration.ofSeconds(61));
  }

  @AfterEach
  void close() {
    cache.close();
  }

  @Test
  void aHeadOnAStaleEntryLeadsAPrivateHeadRevalidation() {
    Lookup.MustRevalidate head = (Lookup.MustRevalidate) cache.lookup(request("HEAD", "/a"));

    assertThat(head.fill().isHeadRevalidation()).isTrue();
    assertThat(head.conditionalHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    Lookup get = cache.lookup(get("/a")); // a GET needs a body: it does not join the HEAD
    assertThat(get).isInstanceOf(Lookup.MustRevalidate.class);
    assertThat(((Lookup.MustRevalidate) get).fill().isHeadRevalidation()).isFalse();
    closeRevalidation((Lookup.MustRevalidate) get);
    closeRevalidation(head);
  }

  @Test
  void aHeadJoinsAGetRevalidationAlreadyRunning() {
    Lookup.MustRevalidate get = (Lookup.MustRevalidate) cache.lookup(get("/a"));

    Lookup head = cache.lookup(request("HEAD", "/a"));

    assertThat(head).isInstanceOf(Lookup.JoinFill.class);
    ((Lookup.JoinFill) head).reader().close();
    closeRevalidation(get);
  }

  @Test
  void aMatching200UpdatesTheStoredHeadersLikeA304() {
    Lookup.MustRevalidate head = (Lookup.MustRevalidate) cache.lookup(request("HEAD", "/a"));

    assertThat(head.fill().headResponse(200, response(clock, "Cache-Control", "max-age=60",
        "ETag", "\"v1\"", "Content-Length", "5", "X-Version", "2"))).isTrue();

    FillReader reader = head.reader();
    assertThat(reader.status()).isIn(FillReader.Status.READABLE, FillReader.Status.END);
    assertThat(reader.head().clientHeaders().get("X-Version")).isEqualTo("2");
    reader.close();
    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/a"));
    assertThat(fresh.ageSeconds()).isZero();
    assertThat(fresh.response().clientHeaders().get("X-Version")).isEqualTo("2");
    assertThat(fresh.response().clientHeaders().get("Content-Length")).isEqualTo("5");
    assertThat(text(fresh.body())).isEqualTo("hello");
  }

  @Test
  void aMatching200RefreshesADiskOnlyEntryWithoutReadingItsBody(@TempDir Path directory)
      throws Exception {
    try (HttpCache disk = HttpCache.create(CacheConfig.builder().memoryBudgetBytes(0)
        .diskDirectory(directory).diskPromotionHitCount(0).build(), clock)) {
      store(disk, get("/d"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"d1\""),
          "on disk");
      assertThat(disk.flushDisk(Duration.ofSeconds(10))).isTrue();
      clock.advance(Duration.ofSeconds(61));
      Lookup.MustRevalidate head = (Lookup.MustRevalidate) disk.lookup(request("HEAD", "/d"));

      assertThat(head.fill().headResponse(200, response(clock, "Cache-Control", "max-age=60",
          "ETag", "\"d1\"", "X-Version", "2"))).isTrue();

      assertThat(head.reader().status()).isEqualTo(FillReader.Status.END);
      assertThat(head.reader().head().clientHeaders().get("Content-Length")).isEqualTo("7");
      assertThat(head.fill().receivedBytes()).isZero();
      head.reader().close();
      Lookup.Fresh fresh = (Lookup.Fresh) disk.lookup(get("/d"));
      assertThat(fresh.body()).isInstanceOf(CachedBody.File.class);
      assertThat(fresh.response().clientHeaders().get("X-Version")).isEqualTo("2");
      assertThat(DiskPromotionTest.read(fresh.body())).isEqualTo("on disk");
    }
  }

  @Test
  void a200WithAnotherEtagInvalidatesTheStoredResponse() {
    Lookup.MustRevalidate head = (Lookup.MustRevalidate) cache.lookup(request("HEAD", "/a"));

    assertThat(head.fill().headResponse(200, response(clock, "Cache-Control", "max-age=60",
        "ETag", "\"v2\"", "Content-Length", "5"))).isFalse();

    assertThat(head.reader().status()).isEqualTo(FillReader.Status.UNCACHEABLE);
    head.reader().close();
    assertThat(cache.lookup(get("/a", "Cache-Control", "only-if-cached")))
        .isInstanceOf(Lookup.OnlyIfCachedMiss.class);
    assertThat(cache.stats().memoryObjects()).isZero();
  }

  @Test
  void a200WithAnotherLengthInvalidatesTheStoredResponse() {
    Lookup.MustRevalidate head = (Lookup.MustRevalidate) cache.lookup(request("HEAD", "/a"));

    assertThat(head.fill().headResponse(200, response(clock, "ETag", "\"v1\"",
        "Content-Length", "6"))).isFalse();

    head.reader().close();
    assertThat(cache.stats().memoryObjects()).isZero();
  }

  @Test
  void anErrorStatusChangesNothingStored() {
    Lookup.MustRevalidate head = (Lookup.MustRevalidate) cache.lookup(request("HEAD", "/a"));

    assertThat(head.fill().headResponse(503, response(clock, "ETag", "\"v2\""))).isFalse();

    assertThat(head.reader().status()).isEqualTo(FillReader.Status.UNCACHEABLE);
    head.reader().close();
    Lookup again = cache.lookup(get("/a"));
    assertThat(again).isInstanceOf(Lookup.MustRevalidate.class);
    assertThat(((Lookup.MustRevalidate) again).response().clientHeaders().get("X-Version"))
        .isEqualTo("1");
    closeRevalidation((Lookup.MustRevalidate) again);
  }

  @Test
  void a304RefreshesAsForAGet() {
    Lookup.MustRevalidate head = (Lookup.MustRevalidate) cache.lookup(request("HEAD", "/a"));

    assertThat(head.fill().notModified(response(clock, "Cache-Control", "max-age=60",
        "X-Version", "3"))).isTrue();

    head.reader().close();
    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(request("HEAD", "/a"));
    assertThat(fresh.response().clientHeaders().get("X-Version")).isEqualTo("3");
    fresh.body().release();
  }

  private static void closeRevalidation(Lookup.MustRevalidate revalidate) {
    revalidate.fill().abort(new IllegalStateException("test over"));
    revalidate.reader().close();
  }
}
