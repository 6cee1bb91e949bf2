package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.CacheFixtures.get;
import static org.dmmedge.cache.CacheFixtures.response;
import static org.dmmedge.cache.CacheFixtures.store;
import static org.dmmedge.cache.CacheFixtures.text;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpCacheTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final HttpCache cache = HttpCache.create(CacheConfig.defaults(), clock);

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
    assertThat(fresh.response().clientHeaders().get("Content-Length")).isEqualTo("5");
    assertThat(text(fresh.body())).isEqualTo("hello");
    assertThat(cache.stats().hits()).isEqualTo(1);
    assertThat(cache.stats().misses()).isEqualTo(1);
  }

  @Test
  void staleAfterMaxAgeMustRevalidate() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"v1\""),
        "hello");
    clock.advance(Duration.ofSeconds(61));

    Lookup lookup = cache.lookup(get("/a"));

    assertThat(lookup).isInstanceOf(Lookup.MustRevalidate.class);
    Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) lookup;
    assertThat(revalidate.conditionalHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(revalidate.fill().notModified(response(clock, "Cache-Control", "max-age=60")))
        .isTrue();
    StringBuilder body = new StringBuilder();
    CacheFixtures.drain(revalidate.reader(), body);
    assertThat(body).hasToString("hello");
    revalidate.reader().close();

    Lookup again = cache.lookup(get("/a"));
    assertThat(again).isInstanceOf(Lookup.Fresh.class);
    assertThat(((Lookup.Fresh) again).ageSeconds()).isZero();
    ((Lookup.Fresh) again).body().release();
  }
}
