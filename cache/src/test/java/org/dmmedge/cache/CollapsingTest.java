package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.CacheFixtures.get;
import static org.dmmedge.cache.CacheFixtures.response;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dmmedge.cache.fill.Fill;
import org.dmmedge.cache.fill.FillOutcome;
import org.dmmedge.cache.fill.FillReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Collapsed fills with read-while-write, with real threads. */
class CollapsingTest {
  private static final int OBJECT_BYTES = 2 * 1024 * 1024;
  private static final int CHUNK_BYTES = 16 * 1024;

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final HttpCache cache = HttpCache.create(CacheConfig.defaults(), clock);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final byte[] object = new byte[OBJECT_BYTES];

  CollapsingTest() {
    new Random(42).nextBytes(object);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    cache.close();
  }

  @Test
  void hundredConcurrentMissesMakeOneFetchAndIdenticalBodies() throws Exception {
    List<Lookup> results = concurrently(100, () -> cache.lookup(get("/video/seg-1.m4s")));

    List<Lookup.Miss> leaders = results.stream()
        .filter(Lookup.Miss.class::isInstance).map(Lookup.Miss.class::cast).toList();
    assertThat(leaders).hasSize(1);
    assertThat(results).filteredOn(Lookup.JoinFill.class::isInstance).hasSize(99);

    List<FillReader> readers = new ArrayList<>();
    results.forEach(r -> readers.add(r instanceof Lookup.Miss m ? m.reader()
        : ((Lookup.JoinFill) r).reader()));
    List<Future<ReaderDrain.Result>> drains = new ArrayList<>();
    for (FillReader reader : readers) {
      drains.add(threads.submit(() -> ReaderDrain.drain(reader)));
    }
    Fill fill = leaders.get(0).fill();
    Future<?> origin = threads.submit(() -> feed(fill, true));

    origin.get(30, TimeUnit.SECONDS);
    for (Future<ReaderDrain.Result> drain : drains) {
      ReaderDrain.Result result = drain.get(30, TimeUnit.SECONDS);
      assertThat(result.status()).isEqualTo(FillReader.Status.END);
      assertThat(result.body()).isEqualTo(object);
    }
    assertThat(fill.outcome()).isEqualTo(FillOutcome.COMPLETE);
    CacheStats stats = cache.stats();
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.collapsedFollowers()).isEqualTo(99);
    assertThat(stats.memoryObjects()).isEqualTo(1);
    assertThat(stats.memoryBytes()).isEqualTo(OBJECT_BYTES);
    assertThat(stats.inFlightFills()).isZero();
    Lookup hit = cache.lookup(get("/video/seg-1.m4s"));
    assertThat(hit).isInstanceOf(Lookup.Fresh.class);
    CachedBody.Memory body = (CachedBody.Memory) ((Lookup.Fresh) hit).body();
    try {
      byte[] stored = new byte[body.content().readableBytes()];
      body.content().getBytes(body.content().readerIndex(), stored);
      assertThat(stored).isEqualTo(object);
    } finally {
      body.release();
    }
  }

  @Test
  void concurrentStaleWhileRevalidateLookupsStartOneRevalidation() throws Exception {
    CacheFixtures.store(cache, get("/swr"), response(clock,
        "Cache-Control", "max-age=60, stale-while-revalidate=600"), "stale body");
    clock.advance(java.time.Duration.ofSeconds(90));

    List<Lookup> results = concurrently(100, () -> cache.lookup(get("/swr")));

    List<Lookup.Stale> stale = results.stream().map(Lookup.Stale.class::cast).toList();
    List<Fill> revalidations = stale.stream()
        .flatMap(s -> s.revalidation().stream()).toList();
    assertThat(revalidations).hasSize(1);
    stale.forEach(s -> assertThat(CacheFixtures.text(s.body())).isEqualTo("stale body"));
    revalidations.get(0).notModified(response(clock, "Cache-Control", "max-age=60"));
    assertThat(cache.lookup(get("/swr"))).isInstanceOf(Lookup.Fresh.class)
        .satisfies(l -> ((Lookup.Fresh) l).body().release());
  }

  @Test
  void concurrentMustRevalidateLookupsMakeOneConditionalRequest() throws Exception {
    CacheFixtures.store(cache, get("/mr"), response(clock,
        "Cache-Control", "max-age=60", "ETag", "\"e\""), "validated body");
    clock.advance(java.time.Duration.ofSeconds(90));

    List<Lookup> results = concurrently(100, () -> cache.lookup(get("/mr")));

    List<Lookup.MustRevalidate> leaders = results.stream()
        .filter(Lookup.MustRevalidate.class::isInstance).map(Lookup.MustRevalidate.class::cast)
        .toList();
    assertThat(leaders).hasSize(1);
    assertThat(results).filteredOn(Lookup.JoinFill.class::isInstance).hasSize(99);
    List<Future<ReaderDrain.Result>> drains = new ArrayList<>();
    for (Lookup result : results) {
      FillReader reader = result instanceof Lookup.MustRevalidate m ? m.reader()
          : ((Lookup.JoinFill) result).reader();
      drains.add(threads.submit(() -> ReaderDrain.drain(reader)));
    }
    assertThat(leaders.get(0).fill().notModified(response(clock, "Cache-Control", "max-age=60")))
        .isTrue();
    for (Future<ReaderDrain.Result> drain : drains) {
      assertThat(new String(drain.get(30, TimeUnit.SECONDS).body(),
          java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("validated body");
    }
  }

  private List<Lookup> concurrently(int count, java.util.concurrent.Callable<Lookup> lookup)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Lookup>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(threads.submit(() -> {
        go.await();
        return lookup.call();
      }));
    }
    go.countDown();
    List<Lookup> results = new ArrayList<>();
    for (Future<Lookup> future : futures) {
      results.add(future.get(10, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void aFillCanBeWithdrawnOnlyWhileNobodyJoinedIt() {
    Lookup.Miss alone = (Lookup.Miss) cache.lookup(get("/w1"));
    alone.reader().close();
    assertThat(alone.fill().withdrawIfUnjoined()).isTrue();
    assertThat(alone.fill().outcome()).isEqualTo(FillOutcome.ABORTED);
    assertThat(alone.fill().newReader(get("/w1"))).isNull();
    assertThat(cache.stats().inFlightFills()).isZero();

    Lookup.Miss joined = (Lookup.Miss) cache.lookup(get("/w2"));
    assertThat(joined.fill().withdrawIfUnjoined()).isFalse();
    assertThat(joined.fill().outcome()).isNull();
    joined.fill().abort(new IllegalStateException("test over"));
    joined.reader().close();
  }

  @Test
  void followerReadsFirstBytesBeforeTheFillCompletes() throws Exception {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    Lookup.JoinFill follower = (Lookup.JoinFill) cache.lookup(get("/a"));
    miss.fill().start(200, response(clock, "Cache-Control", "max-age=60"));
    miss.fill().append(Unpooled.wrappedBuffer(object, 0, CHUNK_BYTES));

    assertThat(follower.reader().headReady()).isTrue();
    assertThat(follower.reader().status()).isEqualTo(FillReader.Status.READABLE);
    StringBuilder ignored = new StringBuilder();
    CacheFixtures.drain(follower.reader(), ignored);
    assertThat(follower.reader().position()).isEqualTo(CHUNK_BYTES);
    assertThat(miss.fill().outcome()).isNull();
    assertThat(follower.reader().status()).isEqualTo(FillReader.Status.WAITING);

    miss.fill().append(Unpooled.wrappedBuffer(object, CHUNK_BYTES, CHUNK_BYTES));
    miss.fill().complete();
    assertThat(follower.reader().status()).isEqualTo(FillReader.Status.READABLE);
    CacheFixtures.drain(follower.reader(), ignored);
    assertThat(follower.reader().status()).isEqualTo(FillReader.Status.END);
    follower.reader().close();
    miss.reader().close();
  }

  @Test
  void listenerRunsOnTheWriterThreadOnceArmed() throws Exception {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    FillReader reader = ((Lookup.JoinFill) cache.lookup(get("/a"))).reader();
    List<String> wakeups = new java.util.concurrent.CopyOnWriteArrayList<>();
    reader.listen(() -> wakeups.add(Thread.currentThread().getName()));

    assertThat(reader.status()).isEqualTo(FillReader.Status.WAITING);
    Thread writer = new Thread(
        () -> miss.fill().start(200, response(clock, "Cache-Control", "max-age=60")),
        "origin-io");
    writer.start();
    writer.join(10_000);
    miss.fill().append(Unpooled.wrappedBuffer(object, 0, 10)); // not armed: no call

    assertThat(wakeups).containsExactly("origin-io");
    miss.fill().abort(new IllegalStateException("test over"));
    reader.close();
    miss.reader().close();
  }

  @Test
  void aFailingListenerDoesNotBreakTheFillOrOtherReaders() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    FillReader failing = ((Lookup.JoinFill) cache.lookup(get("/a"))).reader();
    FillReader healthy = ((Lookup.JoinFill) cache.lookup(get("/a"))).reader();
    failing.listen(() -> {
      throw new IllegalStateException("edge bug");
    });
    java.util.concurrent.atomic.AtomicInteger woken = new java.util.concurrent.atomic.AtomicInteger();
    healthy.listen(woken::incrementAndGet);
    assertThat(failing.status()).isEqualTo(FillReader.Status.WAITING);
    assertThat(healthy.status()).isEqualTo(FillReader.Status.WAITING);

    CacheFixtures.fillWith(miss.fill(), 200, response(clock, "Cache-Control", "max-age=60"), "x");

    assertThat(woken.get()).isEqualTo(1);
    assertThat(miss.fill().outcome()).isEqualTo(FillOutcome.COMPLETE);
    failing.close();
    healthy.close();
    miss.reader().close();
  }

  @Test
  void abortMidBodyStoresNothingAndEveryReaderSeesAborted() throws Exception {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    List<FillReader> readers = new ArrayList<>(List.of(miss.reader()));
    for (int i = 0; i < 5; i++) {
      readers.add(((Lookup.JoinFill) cache.lookup(get("/a"))).reader());
    }
    List<Future<ReaderDrain.Result>> drains = new ArrayList<>();
    for (FillReader reader : readers) {
      drains.add(threads.submit(() -> ReaderDrain.drain(reader)));
    }

    threads.submit(() -> feed(miss.fill(), false)).get(30, TimeUnit.SECONDS);

    for (Future<ReaderDrain.Result> drain : drains) {
      assertThat(drain.get(30, TimeUnit.SECONDS).status()).isEqualTo(FillReader.Status.ABORTED);
    }
    assertThat(miss.fill().outcome()).isEqualTo(FillOutcome.ABORTED);
    assertThat(cache.stats().memoryObjects()).isZero();
    Lookup again = cache.lookup(get("/a"));
    assertThat(again).isInstanceOf(Lookup.Miss.class);
    ((Lookup.Miss) again).fill().abort(new IllegalStateException("test over"));
    ((Lookup.Miss) again).reader().close();
  }

  @Test
  void abortFromATimerThreadWhileTheIoThreadAppendsIsSafe() throws Exception {
    for (int round = 0; round < 20; round++) {
      Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/race/" + round));
      FillReader follower = ((Lookup.JoinFill) cache.lookup(get("/race/" + round))).reader();
      Future<ReaderDrain.Result> drain = threads.submit(() -> ReaderDrain.drain(follower));
      miss.fill().start(200, response(clock, "Cache-Control", "max-age=60"));
      CountDownLatch appending = new CountDownLatch(1);
      Future<?> io = threads.submit(() -> {
        for (int offset = 0; offset < OBJECT_BYTES; offset += 4096) {
          appending.countDown();
          miss.fill().append(Unpooled.wrappedBuffer(object, offset, 4096));
        }
      });
      appending.await(10, TimeUnit.SECONDS);
      miss.fill().abort(new java.util.concurrent.TimeoutException("origin too slow"));

      io.get(30, TimeUnit.SECONDS); // whatever got in before the abort; no exception
      assertThat(miss.fill().append(Unpooled.wrappedBuffer(object, 0, 1))).isFalse();
      assertThat(miss.fill().outcome()).isEqualTo(FillOutcome.ABORTED);
      assertThat(drain.get(30, TimeUnit.SECONDS).status()).isEqualTo(FillReader.Status.ABORTED);
      miss.reader().close();
    }
    assertThat(cache.stats().memoryObjects()).isZero();
  }

  @Test
  void lateJoinerReadsFromByteZero() throws Exception {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    miss.fill().start(200, response(clock, "Cache-Control", "max-age=60",
        "Content-Length", Integer.toString(OBJECT_BYTES)));
    miss.fill().append(Unpooled.wrappedBuffer(object, 0, 3 * CHUNK_BYTES));

    FillReader late = ((Lookup.JoinFill) cache.lookup(get("/a"))).reader();
    Future<ReaderDrain.Result> drain = threads.submit(() -> ReaderDrain.drain(late));
    for (int offset = 3 * CHUNK_BYTES; offset < OBJECT_BYTES; offset += CHUNK_BYTES) {
      miss.fill().append(Unpooled.wrappedBuffer(object, offset, CHUNK_BYTES));
    }
    miss.fill().complete();

    assertThat(drain.get(30, TimeUnit.SECONDS).body()).isEqualTo(object);
    miss.reader().close();
  }

  @Test
  void rangeFollowerIsAnsweredAsSoonAsItsBytesArrived() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    FillReader ranged = ((Lookup.JoinFill) cache.lookup(get("/a", "Range", "bytes=500-599")))
        .reader();
    miss.fill().start(200, response(clock, "Cache-Control", "max-age=60",
        "Content-Length", "1000"));
    miss.fill().append(Unpooled.wrappedBuffer(object, 0, 300));

    assertThat(ranged.headReady()).isTrue();
    assertThat(ranged.range().orElseThrow().contentRange()).isEqualTo("bytes 500-599/1000");
    assertThat(ranged.status()).isEqualTo(FillReader.Status.WAITING);
    miss.fill().append(Unpooled.wrappedBuffer(object, 300, 400));
    var slice = ranged.readSlice(4096);
    try {
      assertThat(slice.readableBytes()).isEqualTo(100);
      byte[] bytes = new byte[100];
      slice.getBytes(slice.readerIndex(), bytes);
      assertThat(bytes).isEqualTo(java.util.Arrays.copyOfRange(object, 500, 600));
    } finally {
      slice.release();
    }
    assertThat(ranged.status()).isEqualTo(FillReader.Status.END);
    assertThat(miss.fill().outcome()).isNull();

    miss.fill().append(Unpooled.wrappedBuffer(object, 700, 300));
    miss.fill().complete();
    ranged.close();
    miss.reader().close();
  }

  @Test
  void conditionalFollowerCanBeAnswered304FromTheHead() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    FillReader conditional = ((Lookup.JoinFill) cache.lookup(
        get("/a", "If-None-Match", "\"v1\""))).reader();
    miss.fill().start(200, response(clock, "Cache-Control", "max-age=60", "ETag", "\"v1\""));

    assertThat(conditional.headReady()).isTrue();
    assertThat(conditional.clientCondition())
        .isEqualTo(org.dmmedge.cache.policy.Validators.ClientCondition.NOT_MODIFIED);
    assertThat(miss.reader().clientCondition())
        .isEqualTo(org.dmmedge.cache.policy.Validators.ClientCondition.NONE);
    miss.fill().abort(new IllegalStateException("test over"));
    conditional.close();
    miss.reader().close();
  }

  @Test
  void rangeOutsideTheFillIsNotSatisfiable() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    FillReader ranged = ((Lookup.JoinFill) cache.lookup(get("/a", "Range", "bytes=2000-")))
        .reader();
    miss.fill().start(200, response(clock, "Cache-Control", "max-age=60",
        "Content-Length", "1000"));

    assertThat(ranged.status()).isEqualTo(FillReader.Status.RANGE_NOT_SATISFIABLE);
    assertThat(ranged.totalLength()).isEqualTo(1000);
    miss.fill().abort(new IllegalStateException("test over"));
    ranged.close();
    miss.reader().close();
  }

  @Test
  void rangeOnAFillWithoutContentLengthWaitsForTheEnd() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    FillReader ranged = ((Lookup.JoinFill) cache.lookup(get("/a", "Range", "bytes=-10")))
        .reader();
    miss.fill().start(200, response(clock, "Cache-Control", "max-age=60"));
    miss.fill().append(Unpooled.wrappedBuffer(object, 0, 100));

    assertThat(ranged.headReady()).isFalse();
    assertThat(ranged.status()).isEqualTo(FillReader.Status.WAITING);
    miss.fill().complete();
    assertThat(ranged.range().isPresent()).isFalse();
    assertThat(ranged.status()).isEqualTo(FillReader.Status.READABLE);
    assertThat(ranged.range().orElseThrow().contentRange()).isEqualTo("bytes 90-99/100");
    ranged.close();
    miss.reader().close();
  }

  @Test
  void unstorableHeadSendsFollowersToTheOriginAndRemembersHitForPass() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a"));
    FillReader follower = ((Lookup.JoinFill) cache.lookup(get("/a"))).reader();

    assertThat(miss.fill().start(200, response(clock, "Cache-Control", "private")).reason())
        .isEqualTo(org.dmmedge.cache.policy.Cacheability.Reason.PRIVATE);

    assertThat(follower.status()).isEqualTo(FillReader.Status.UNCACHEABLE);
    assertThat(miss.reader().status()).isEqualTo(FillReader.Status.UNCACHEABLE);
    assertThat(miss.fill().outcome()).isEqualTo(FillOutcome.UNCACHEABLE);
    assertThat(miss.fill().append(Unpooled.wrappedBuffer(object, 0, 10))).isFalse();
    assertThat(cache.lookup(get("/a"))).isEqualTo(new Lookup.Pass(Lookup.PassReason.HIT_FOR_PASS));
    clock.advance(CacheConfig.DEFAULT_HIT_FOR_PASS_DURATION.plusSeconds(1));
    Lookup later = cache.lookup(get("/a"));
    assertThat(later).isInstanceOf(Lookup.Miss.class);
    ((Lookup.Miss) later).fill().abort(new IllegalStateException("test over"));
    ((Lookup.Miss) later).reader().close();
    follower.close();
    miss.reader().close();
  }

  @Test
  void bodyOutgrowingTheMaximumKeepsStreamingButIsNotStored() throws Exception {
    try (HttpCache small = HttpCache.create(
        CacheConfig.builder().maxObjectBytes(100_000).build(), clock)) {
      Lookup.Miss miss = (Lookup.Miss) small.lookup(get("/a"));
      FillReader follower = ((Lookup.JoinFill) small.lookup(get("/a"))).reader();
      Future<ReaderDrain.Result> followerDrain =
          threads.submit(() -> ReaderDrain.drain(follower));
      Future<ReaderDrain.Result> leaderDrain =
          threads.submit(() -> ReaderDrain.drain(miss.reader()));
      miss.fill().start(200, response(clock, "Cache-Control", "max-age=60"));
      for (int offset = 0; offset < 300_000; offset += 10_000) {
        assertThat(miss.fill().append(Unpooled.wrappedBuffer(object, offset, 10_000))).isTrue();
        if (offset == 150_000) {
          assertThat(small.lookup(get("/a")))
              .isEqualTo(new Lookup.Pass(Lookup.PassReason.HIT_FOR_PASS));
        }
      }
      miss.fill().complete();

      assertThat(followerDrain.get(30, TimeUnit.SECONDS).body())
          .isEqualTo(java.util.Arrays.copyOf(object, 300_000));
      assertThat(leaderDrain.get(30, TimeUnit.SECONDS).status())
          .isEqualTo(FillReader.Status.END);
      assertThat(miss.fill().outcome()).isEqualTo(FillOutcome.UNCACHEABLE);
      assertThat(small.stats().memoryObjects()).isZero();
    }
  }

  @Test
  void contentLengthAboveTheMaximumIsNotStored() {
    try (HttpCache small = HttpCache.create(
        CacheConfig.builder().maxObjectBytes(1000).build(), clock)) {
      Lookup.Miss miss = (Lookup.Miss) small.lookup(get("/a"));

      assertThat(miss.fill().start(200, response(clock, "Cache-Control", "max-age=60",
          "Content-Length", "1001")).reason())
          .isEqualTo(org.dmmedge.cache.policy.Cacheability.Reason.TOO_LARGE);
      miss.reader().close();
    }
  }

  @Test
  void bodyNotMatchingContentLengthAborts() {
    Lookup.Miss longer = (Lookup.Miss) cache.lookup(get("/long"));
    longer.fill().start(200, response(clock, "Cache-Control", "max-age=60",
        "Content-Length", "10"));
    assertThat(longer.fill().append(Unpooled.wrappedBuffer(object, 0, 11))).isFalse();
    assertThat(longer.fill().outcome()).isEqualTo(FillOutcome.ABORTED);

    Lookup.Miss shorter = (Lookup.Miss) cache.lookup(get("/short"));
    shorter.fill().start(200, response(clock, "Cache-Control", "max-age=60",
        "Content-Length", "10"));
    shorter.fill().append(Unpooled.wrappedBuffer(object, 0, 9));
    shorter.fill().complete();
    assertThat(shorter.fill().outcome()).isEqualTo(FillOutcome.ABORTED);
    assertThat(cache.stats().memoryObjects()).isZero();
    longer.reader().close();
    shorter.reader().close();
  }

  @Test
  void followerWithAnotherVariantIsSentToTheOrigin() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/a", "Accept-Encoding", "gzip"));
    FillReader other = ((Lookup.JoinFill) cache.lookup(get("/a", "Accept-Encoding", "br")))
        .reader();
    FillReader same = ((Lookup.JoinFill) cache.lookup(get("/a", "Accept-Encoding", "gzip")))
        .reader();
    CacheFixtures.fillWith(miss.fill(), 200, response(clock, "Cache-Control", "max-age=60",
        "Vary", "Accept-Encoding"), "gzipped");

    assertThat(other.status()).isEqualTo(FillReader.Status.UNCACHEABLE);
    assertThat(same.status()).isEqualTo(FillReader.Status.READABLE);
    other.close();
    same.close();
    miss.reader().close();
  }

  /** Feeds the test object in chunks; aborts half-way unless {@code complete}. */
  private Void feed(Fill fill, boolean complete) {
    fill.start(200, response(clock, "Cache-Control", "max-age=60"));
    for (int offset = 0; offset < OBJECT_BYTES; offset += CHUNK_BYTES) {
      if (!complete && offset >= OBJECT_BYTES / 2) {
        fill.abort(new java.io.IOException("connection reset by origin"));
        return null;
      }
      fill.append(Unpooled.wrappedBuffer(object, offset, CHUNK_BYTES));
    }
    fill.complete();
    return null;
  }
}
