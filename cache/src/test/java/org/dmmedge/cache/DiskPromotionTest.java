package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.CacheFixtures.get;
import static org.dmmedge.cache.CacheFixtures.response;
import static org.dmmedge.cache.CacheFixtures.store;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk entries read back into memory after repeated disk hits (CacheConfig
 * diskPromotionHitCount): when, never partial, never over a purge, leak-free under races.
 */
class DiskPromotionTest {
  private static final Duration FLUSH = Duration.ofSeconds(10);

  private final MutableClock clock = MutableClock.atDefaultStart();

  @TempDir
  Path directory;

  private HttpCache open(long memoryBudgetBytes, int promotionHits) {
    return open(memoryBudgetBytes, promotionHits, PooledByteBufAllocator.DEFAULT);
  }

  private HttpCache open(long memoryBudgetBytes, int promotionHits, ByteBufAllocator alloc) {
    return HttpCache.create(CacheConfig.builder()
        .diskDirectory(directory)
        .memoryBudgetBytes(memoryBudgetBytes)
        .diskPromotionHitCount(promotionHits)
        .build(), clock, alloc);
  }

  /** Stores {@code objects} (path to body) and closes the cache, so a restart finds them on disk. */
  private void storeOnDisk(String... pathsAndBodies) throws InterruptedException {
    try (HttpCache cache = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES, 0)) {
      for (int i = 0; i < pathsAndBodies.length; i += 2) {
        store(cache, get(pathsAndBodies[i]), response(clock, "Cache-Control", "max-age=600"),
            pathsAndBodies[i + 1]);
      }
      assertThat(cache.flushDisk(FLUSH)).isTrue();
    }
  }

  @Test
  void theSecondDiskHitPromotesAndLaterHitsComeFromMemory() throws Exception {
    storeOnDisk("/a", "alpha");

    try (HttpCache cache = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES, 2)) {
      Lookup.Fresh first = (Lookup.Fresh) cache.lookup(get("/a"));
      assertThat(first.body()).isInstanceOf(CachedBody.File.class);
      assertThat(read(first.body())).isEqualTo("alpha");
      assertThat(cache.flushDisk(FLUSH)).isTrue();
      assertThat(cache.stats().memoryObjects()).isZero();

      Lookup.Fresh second = (Lookup.Fresh) cache.lookup(get("/a"));
      assertThat(second.body()).isInstanceOf(CachedBody.File.class);
      assertThat(read(second.body())).isEqualTo("alpha");
      assertThat(cache.flushDisk(FLUSH)).isTrue(); // promotions run on the disk thread

      CacheStats stats = cache.stats();
      assertThat(stats.promotions()).isEqualTo(1);
      assertThat(stats.memoryObjects()).isEqualTo(1);
      assertThat(stats.memoryBytes()).isEqualTo(5);
      assertThat(stats.diskObjects()).isEqualTo(1);
      Lookup.Fresh third = (Lookup.Fresh) cache.lookup(get("/a", "Range", "bytes=1-3"));
      assertThat(third.body()).isInstanceOf(CachedBody.Memory.class);
      assertThat(third.response().clientHeaders().get("Content-Length")).isEqualTo("5");
      assertThat(CacheFixtures.text(third.body())).isEqualTo("lph");
    }
  }

  @Test
  void zeroKeepsDiskEntriesOnDisk() throws Exception {
    storeOnDisk("/a", "alpha");

    try (HttpCache cache = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES, 0)) {
      for (int i = 0; i < 5; i++) {
        read(((Lookup.Fresh) cache.lookup(get("/a"))).body());
      }
      assertThat(cache.flushDisk(FLUSH)).isTrue();
      assertThat(cache.stats().promotions()).isZero();
      assertThat(cache.stats().memoryObjects()).isZero();
    }
  }

  @Test
  void aBodyLargerThanTheMemoryBudgetIsNeverRead() throws Exception {
    storeOnDisk("/big", "x".repeat(4_000));

    try (HttpCache cache = open(1_000, 1)) {
      for (int i = 0; i < 3; i++) {
        read(((Lookup.Fresh) cache.lookup(get("/big"))).body());
      }
      assertThat(cache.flushDisk(FLUSH)).isTrue();
      assertThat(cache.stats().promotions()).isZero();
    }
  }

  @Test
  void aTruncatedBodyFileIsNotPromoted() throws Exception {
    storeOnDisk("/a", "a long body");

    try (HttpCache cache = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES, 1)) {
      // Cut after the start checked it: a promotion must not turn it into a short memory body.
      Files.write(bodyFileContaining("a long body"), "a lo".getBytes(StandardCharsets.UTF_8));
      ((Lookup.Fresh) cache.lookup(get("/a"))).body().release();
      assertThat(cache.flushDisk(FLUSH)).isTrue();

      assertThat(cache.stats().promotions()).isZero();
      assertThat(cache.stats().memoryObjects()).isZero();
    }
  }

  /**
   * The purge returns while the promotion read is in flight (the disk thread is held where it
   * allocates the memory copy, after its start check): the commit must see the purge.
   */
  @Test
  void aPurgeRightAfterThePromotingHitLeavesNoCopy() throws Exception {
    storeOnDisk("/a", "alpha");
    DiskReadGate gate = new DiskReadGate();

    try (HttpCache cache = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES, 1, gate)) {
      read(((Lookup.Fresh) cache.lookup(get("/a"))).body()); // queues the promotion read
      gate.awaitReadStarted();
      assertThat(cache.purge(CacheFixtures.ORIGIN + "/a")).isEqualTo(1); // the disk copy only
      gate.open();
      assertThat(cache.flushDisk(FLUSH)).isTrue();

      assertThat(cache.stats().promotions()).isZero();
      assertThat(cache.stats().memoryObjects()).isZero();
      assertThat(cache.stats().diskObjects()).isZero();
      assertThat(cache.lookup(get("/a", "Cache-Control", "only-if-cached")))
          .isInstanceOf(Lookup.OnlyIfCachedMiss.class);
      try (Stream<Path> files = Files.list(directory)) {
        assertThat(files).isEmpty(); // the read's reference was the last one on the files
      }
    } finally {
      gate.open();
    }
  }

  @Test
  void aPurgeAfterACompletedPromotionRemovesBothCopies() throws Exception {
    storeOnDisk("/a", "alpha");

    try (HttpCache cache = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES, 1)) {
      read(((Lookup.Fresh) cache.lookup(get("/a"))).body());
      assertThat(cache.flushDisk(FLUSH)).isTrue(); // promotions run on the disk thread
      assertThat(cache.stats().memoryObjects()).isEqualTo(1);

      assertThat(cache.purge(CacheFixtures.ORIGIN + "/a")).isEqualTo(2);
      assertThat(cache.stats().memoryObjects()).isZero();
      assertThat(cache.stats().diskObjects()).isZero();
      assertThat(cache.lookup(get("/a", "Cache-Control", "only-if-cached")))
          .isInstanceOf(Lookup.OnlyIfCachedMiss.class);
    }
  }

  /**
   * Readers on four threads hit 20 disk entries through a memory tier that holds about five,
   * promoting on every disk hit (so promotions race W-TinyLFU evictions), while another thread
   * purges half of the keys: every body read is whole and right, a purged key is never served
   * after its purge returned, and nothing leaks.
   */
  @Test
  void promotionsRacingEvictionsAndPurgesServeWholeBodiesAndLeakNothing() throws Exception {
    int keys = 20;
    String[] objects = new String[keys * 2];
    for (int k = 0; k < keys; k++) {
      objects[2 * k] = "/r/" + k;
      objects[2 * k + 1] = body(k);
    }
    storeOnDisk(objects);

    ExecutorService threads = Executors.newFixedThreadPool(5);
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong fromMemory = new AtomicLong();
    try (HttpCache cache = open(5 * (1_000 + 512), 1)) {
      boolean[] purged = new boolean[keys];
      List<Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        readers.add(threads.submit(() -> {
          for (int i = 0; i < 2_000 && !done.get(); i++) {
            int k = ThreadLocalRandom.current().nextInt(keys);
            Lookup lookup = cache.lookup(get("/r/" + k, "Cache-Control", "only-if-cached"));
            if (lookup instanceof Lookup.Fresh fresh) {
              if (fresh.body() instanceof CachedBody.Memory) {
                fromMemory.incrementAndGet();
              }
              assertThat(read(fresh.body())).isEqualTo(body(k));
            } else {
              assertThat(lookup).isInstanceOf(Lookup.OnlyIfCachedMiss.class);
            }
          }
          return null;
        }));
      }
      Future<?> purger = threads.submit(() -> {
        for (int k = 0; k < keys; k += 2) {
          cache.purge(CacheFixtures.ORIGIN + "/r/" + k);
          purged[k] = true;
          for (int check = 0; check < 50; check++) {
            assertThat(cache.lookup(get("/r/" + k, "Cache-Control", "only-if-cached")))
                .isInstanceOf(Lookup.OnlyIfCachedMiss.class);
          }
        }
        return null;
      });
      purger.get(60, TimeUnit.SECONDS);
      for (Future<?> reader : readers) {
        reader.get(60, TimeUnit.SECONDS);
      }
      assertThat(cache.flushDisk(FLUSH)).isTrue();

      for (int k = 0; k < keys; k++) {
        Lookup lookup = cache.lookup(get("/r/" + k, "Cache-Control", "only-if-cached"));
        if (purged[k]) {
          assertThat(lookup).isInstanceOf(Lookup.OnlyIfCachedMiss.class);
        } else {
          assertThat(read(((Lookup.Fresh) lookup).body())).isEqualTo(body(k));
        }
      }
      assertThat(cache.stats().promotions()).isPositive();
      assertThat(fromMemory.get()).isPositive();
      assertThat(cache.stats().memoryBytes()).isLessThanOrEqualTo(5 * 1_000);
    } finally {
      done.set(true);
      threads.shutdownNow();
    }
  }

  private static String body(int k) {
    return Character.toString('a' + k).repeat(1_000);
  }

  private Path bodyFileContaining(String text) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".body")).toList()) {
        if (Files.readString(file).equals(text)) {
          return file;
        }
      }
    }
    throw new AssertionError("no body file holds " + text);
  }

  /** The body's bytes as text (a memory slice or a file span), releasing it. */
  static String read(CachedBody body) throws IOException {
    if (body instanceof CachedBody.Memory) {
      return CacheFixtures.text(body);
    }
    CachedBody.File file = (CachedBody.File) body;
    try {
      ByteBuffer bytes = ByteBuffer.allocate((int) file.length());
      while (bytes.hasRemaining()
          && file.channel().read(bytes, file.offset() + bytes.position()) >= 0) {
        // reads until the span is full or the file ends
      }
      return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    } finally {
      body.release();
    }
  }
}
