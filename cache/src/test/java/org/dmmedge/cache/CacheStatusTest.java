package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.CacheFixtures.get;
import static org.dmmedge.cache.CacheFixtures.request;
import static org.dmmedge.cache.CacheFixtures.response;
import static org.dmmedge.cache.CacheFixtures.store;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheStatusTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final HttpCache cache = HttpCache.create(CacheConfig.defaults(), clock);

  @AfterEach
  void close() {
    cache.close();
  }

  @Test
  void rfc9211HitWithRemainingTtl() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60"), "x");
    clock.advance(Duration.ofSeconds(18));

    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/a"));

    assertThat(cache.cacheStatus("mar1", fresh)).isEqualTo("mar1; hit; ttl=42");
    fresh.body().release();
  }

  @Test
  void rfc9211StaleRevalidationAndNegativeTtl() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60"), "x");
    clock.advance(Duration.ofSeconds(63));

    Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) cache.lookup(get("/a"));
    Lookup.JoinFill follower = (Lookup.JoinFill) cache.lookup(get("/a"));

    assertThat(cache.cacheStatus("mar1", revalidate)).isEqualTo("mar1; fwd=stale; ttl=-3");
    assertThat(cache.cacheStatus("mar1", follower)).isEqualTo("mar1; fwd=stale; collapsed");
    revalidate.fill().abort(new IllegalStateException("test over"));
    revalidate.reader().close();
    follower.reader().close();
  }

  @Test
  void rfc9211FilledResponsesCarryFwdStatusStoredAndTheirOwnTtl() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    Lookup.JoinFill follower = (Lookup.JoinFill) cache.lookup(get("/a"));
    miss.fill().start(200, response(clock, "Cache-Control", "max-age=60"));

    assertThat(CacheStatus.ofFill("e", miss, miss.fill(), 200, null, clock.millis()))
        .isEqualTo("e; fwd=uri-miss; fwd-status=200; stored; ttl=60");
    assertThat(CacheStatus.ofFill("e", follower, follower.fill(), 0, null, clock.millis()))
        .isEqualTo("e; fwd=uri-miss; collapsed; stored; ttl=60");
    miss.fill().append(io.netty.buffer.Unpooled.copiedBuffer(new byte[] {1}));
    miss.fill().complete();
    miss.reader().close();
    follower.reader().close();
    clock.advance(Duration.ofSeconds(70));

    Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) cache.lookup(get("/a"));
    revalidate.fill().notModified(response(clock, "Cache-Control", "max-age=30"));
    assertThat(CacheStatus.ofFill("e", revalidate, revalidate.fill(), 304, "refreshed",
        clock.millis())).isEqualTo("e; fwd=stale; fwd-status=304; ttl=30; detail=refreshed");
    revalidate.reader().close();
  }

  @Test
  void rfc9211ForwardReasons() {
    assertThat(cache.cacheStatus("e", cache.lookup(request("POST", "/a"))))
        .isEqualTo("e; fwd=method");
    assertThat(cache.cacheStatus("e", cache.lookup(get("/a", "Cache-Control", "no-store"))))
        .isEqualTo("e; fwd=request");
    assertThat(cache.cacheStatus("e", cache.lookup(get("/a", "Cache-Control", "only-if-cached"))))
        .isEqualTo("e; detail=only-if-cached");
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    assertThat(cache.cacheStatus("e", miss)).isEqualTo("e; fwd=uri-miss");
    miss.fill().start(200, response(clock, "Cache-Control", "no-store"));
    miss.reader().close();
    assertThat(cache.cacheStatus("e", cache.lookup(get("/a")))).isEqualTo("e; fwd=bypass");
  }
}
