package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.CacheFixtures.get;
import static org.dmmedge.cache.CacheFixtures.response;
import static org.dmmedge.cache.CacheFixtures.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.dmmedge.cache.store.StoredResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link StoredResponse#derived}: computed once per entry and key, new after a 304 refresh. */
class DerivedValueTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final HttpCache cache = HttpCache.create(CacheConfig.defaults(), clock);
  private final AtomicInteger computed = new AtomicInteger();

  @AfterEach
  void close() {
    cache.close();
  }

  private StoredResponse entry(String path) {
    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get(path));
    fresh.body().release();
    return fresh.response();
  }

  private String etagOf(StoredResponse stored) {
    computed.incrementAndGet();
    return stored.clientHeaders().get("ETag");
  }

  @Test
  void computedOnceForEqualKeys() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"1\""), "x");
    StoredResponse stored = entry("/a");

    String first = stored.derived("node", String.class, this::etagOf);
    String second = entry("/a").derived(new String("node"), String.class, this::etagOf);

    assertThat(first).isEqualTo("\"1\"").isSameAs(second);
    assertThat(computed).hasValue(1);
  }

  @Test
  void anotherKeyComputesItsOwn() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"1\""), "x");
    StoredResponse stored = entry("/a");

    stored.derived("one", String.class, this::etagOf);
    stored.derived("two", String.class, this::etagOf);
    stored.derived("two", String.class, this::etagOf);

    assertThat(computed).hasValue(2);
  }

  @Test
  void aRefreshedEntryDerivesAgainFromItsNewFields() {
    store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "ETag", "\"1\""), "x");
    assertThat(entry("/a").derived("node", String.class, this::etagOf)).isEqualTo("\"1\"");
    clock.advance(Duration.ofSeconds(61));
    Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) cache.lookup(get("/a"));

    assertThat(revalidate.fill().notModified(
        response(clock, "Cache-Control", "max-age=60", "ETag", "\"1\"", "X-New", "yes")))
        .isTrue();
    revalidate.reader().close();

    StoredResponse refreshed = entry("/a");
    assertThat(refreshed.derived("node", String.class, s -> s.clientHeaders().get("X-New")))
        .isEqualTo("yes");
  }
}
