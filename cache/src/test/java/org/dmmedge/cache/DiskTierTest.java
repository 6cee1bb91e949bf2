package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.CacheFixtures.get;
import static org.dmmedge.cache.CacheFixtures.response;
import static org.dmmedge.cache.CacheFixtures.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk tier through the facade: restart, zero-copy spans, corrupt files, invalidation. */
class DiskTierTest {
  private final MutableClock clock = MutableClock.atDefaultStart();

  @TempDir
  Path directory;

  private HttpCache open(long memoryBudgetBytes) {
    return HttpCache.create(CacheConfig.builder()
        .diskDirectory(directory)
        .memoryBudgetBytes(memoryBudgetBytes)
        .build(), clock);
  }

  @Test
  void entriesSurviveARestartAndAreServedAsFileSpans() throws Exception {
    try (HttpCache cache = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES)) {
      store(cache, get("/a"), response(clock, "Cache-Control", "max-age=600", "ETag", "\"a\""),
          "alpha");
      store(cache, get("/b"), response(clock, "Cache-Control", "max-age=600"), "bravo");
      assertThat(cache.flushDisk(Duration.ofSeconds(10))).isTrue();
      assertThat(cache.stats().diskObjects()).isEqualTo(2);
      assertThat(cache.stats().diskBytes()).isEqualTo(10);
    }
    clock.advance(Duration.ofSeconds(30));

    try (HttpCache restarted = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES)) {
      Lookup.Fresh fresh = (Lookup.Fresh) restarted.lookup(get("/a"));

      assertThat(fresh.ageSeconds()).isEqualTo(30);
      assertThat(fresh.response().clientHeaders().get("ETag")).isEqualTo("\"a\"");
      assertThat(read(fresh.body())).isEqualTo("alpha");
      Lookup.Fresh range = (Lookup.Fresh) restarted.lookup(get("/b", "Range", "bytes=1-3"));
      assertThat(range.range().orElseThrow().contentRange()).isEqualTo("bytes 1-3/5");
      assertThat(read(range.body())).isEqualTo("rav");
      assertThat(restarted.stats().memoryObjects()).isZero();
      assertThat(restarted.stats().diskObjects()).isEqualTo(2);
    }
  }

  @Test
  void varyVariantsAreFoundAgainAfterARestart() throws Exception {
    try (HttpCache cache = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES)) {
      store(cache, get("/v", "Accept-Encoding", "gzip"), response(clock,
          "Cache-Control", "max-age=600", "Vary", "Accept-Encoding"), "gzipped");
      assertThat(cache.flushDisk(Duration.ofSeconds(10))).isTrue();
    }

    try (HttpCache restarted = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES)) {
      Lookup.Fresh gzip = (Lookup.Fresh) restarted.lookup(get("/v", "Accept-Encoding", "gzip"));
      assertThat(read(gzip.body())).isEqualTo("gzipped");
      Lookup other = restarted.lookup(get("/v", "Accept-Encoding", "br"));
      assertThat(other).isInstanceOf(Lookup.Miss.class);
      ((Lookup.Miss) other).fill().abort(new IllegalStateException("test over"));
      ((Lookup.Miss) other).reader().close();
    }
  }

  @Test
  void objectsEvictedFromMemoryStayOnDisk() throws Exception {
    try (HttpCache cache = open(0)) {
      store(cache, get("/a"), response(clock, "Cache-Control", "max-age=600"), "alpha");
      assertThat(cache.flushDisk(Duration.ofSeconds(10))).isTrue();

      assertThat(cache.stats().memoryObjects()).isZero();
      Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/a"));
      assertThat(fresh.body()).isInstanceOf(CachedBody.File.class);
      assertThat(read(fresh.body())).isEqualTo("alpha");
    }
  }

  @Test
  void partialAndCorruptFilesAreDroppedAtStart() throws Exception {
    try (HttpCache cache = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES)) {
      store(cache, get("/good"), response(clock, "Cache-Control", "max-age=600"), "good");
      store(cache, get("/truncated"), response(clock, "Cache-Control", "max-age=600"), "long body");
      assertThat(cache.flushDisk(Duration.ofSeconds(10))).isTrue();
    }
    Path truncatedBody = bodyFileContaining("long body");
    Files.write(truncatedBody, "long".getBytes(StandardCharsets.UTF_8));
    Files.write(directory.resolve("orphan.body"), new byte[] {1, 2, 3});
    Files.write(directory.resolve("garbage.meta"), "not metadata".getBytes());
    Files.write(directory.resolve("garbage.body"), new byte[] {1});
    Files.write(directory.resolve("half-written.meta.tmp"), new byte[] {1});

    try (HttpCache restarted = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES)) {
      assertThat(restarted.stats().diskObjects()).isEqualTo(1);
      Lookup.Fresh good = (Lookup.Fresh) restarted.lookup(get("/good"));
      assertThat(read(good.body())).isEqualTo("good");
      Lookup truncated = restarted.lookup(get("/truncated"));
      assertThat(truncated).isInstanceOf(Lookup.Miss.class);
      ((Lookup.Miss) truncated).fill().abort(new IllegalStateException("test over"));
      ((Lookup.Miss) truncated).reader().close();
    }
    assertThat(fileNames()).hasSize(2).allMatch(n -> n.endsWith(".body") || n.endsWith(".meta"));
  }

  @Test
  void theDiskBudgetEvictsAndDeletesFiles() throws Exception {
    try (HttpCache cache = HttpCache.create(CacheConfig.builder().diskDirectory(directory)
        .memoryBudgetBytes(0).diskBudgetBytes(5_000).build(), clock)) {
      for (int i = 0; i < 20; i++) {
        store(cache, get("/d/" + i), response(clock, "Cache-Control", "max-age=600"),
            "y".repeat(1_000));
      }
      assertThat(cache.flushDisk(Duration.ofSeconds(10))).isTrue();

      CacheStats stats = cache.stats();
      assertThat(stats.diskObjects()).isBetween(1L, 3L);
      assertThat(stats.diskBytes()).isEqualTo(stats.diskObjects() * 1_000);
      assertThat(stats.evictions()).isEqualTo(20 + 20 - stats.diskObjects());
      assertThat(fileNames()).hasSize((int) stats.diskObjects() * 2);
    }
  }

  @Test
  void invalidationDeletesTheFiles() throws Exception {
    try (HttpCache cache = open(CacheConfig.DEFAULT_MEMORY_BUDGET_BYTES)) {
      store(cache, get("/a"), response(clock, "Cache-Control", "max-age=600"), "alpha");
      assertThat(cache.flushDisk(Duration.ofSeconds(10))).isTrue();
      assertThat(fileNames()).hasSize(2);

      assertThat(cache.purge(CacheFixtures.ORIGIN + "/a")).isEqualTo(2);

      assertThat(fileNames()).isEmpty();
      assertThat(cache.stats().diskObjects()).isZero();
    }
  }

  @Test
  void notModifiedRefreshesTheDiskMetadata() throws Exception {
    try (HttpCache cache = open(0)) {
      store(cache, get("/a"), response(clock, "Cache-Control", "max-age=60", "X-Version", "1"),
          "alpha");
      assertThat(cache.flushDisk(Duration.ofSeconds(10))).isTrue();
      clock.advance(Duration.ofSeconds(120));
      Lookup.MustRevalidate revalidate = (Lookup.MustRevalidate) cache.lookup(get("/a"));
      assertThat(revalidate.fill().notModified(response(clock, "Cache-Control", "max-age=600",
          "X-Version", "2"))).isTrue();
      StringBuilder body = new StringBuilder();
      CacheFixtures.drain(revalidate.reader(), body);
      assertThat(body).hasToString("alpha");
      revalidate.reader().close();
      assertThat(cache.flushDisk(Duration.ofSeconds(10))).isTrue();
    }
    try (HttpCache restarted = open(0)) {
      Lookup.Fresh fresh = (Lookup.Fresh) restarted.lookup(get("/a"));
      assertThat(fresh.response().clientHeaders().get("X-Version")).isEqualTo("2");
      assertThat(fresh.ageSeconds()).isZero();
      assertThat(read(fresh.body())).isEqualTo("alpha");
    }
  }

  private static String read(CachedBody body) throws IOException {
    if (body instanceof CachedBody.Memory) {
      return CacheFixtures.text(body);
    }
    CachedBody.File file = (CachedBody.File) body;
    try {
      ByteBuffer bytes = ByteBuffer.allocate((int) file.length());
      while (bytes.hasRemaining()) {
        if (file.channel().read(bytes, file.offset() + bytes.position()) < 0) {
          break;
        }
      }
      return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    } finally {
      body.release();
    }
  }

  private Path bodyFileContaining(String content) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".body")).toList()) {
        if (Files.readString(file).equals(content)) {
          return file;
        }
      }
    }
    throw new AssertionError("no body file holds " + content);
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }
}
