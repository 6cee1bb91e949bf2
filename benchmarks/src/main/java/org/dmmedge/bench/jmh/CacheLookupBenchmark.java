package org.dmmedge.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.CachedBody;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.cache.Lookup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cache hit path without sockets: lookup of a fresh entry among 10,000 stored ones, then
 * the body as the edge writes it (retained slices of at most 64 KiB, released as a write
 * would). Measures the cache's share of a hit; the edge benchmark adds the channel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CacheLookupBenchmark {
  private static final int ENTRIES = 10_000;
  private static final int SLICE_BYTES = 64 * 1024;

  @Param({"4096", "102400"})
  int bodyBytes;

  private HttpCache cache;
  private CacheRequest[] requests;
  private int next;

  @Setup(Level.Trial)
  public void fill() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    cache = HttpCache.create(
        CacheConfig.builder().memoryBudgetBytes(4L * 1024 * 1024 * 1024).build(), clock);
    byte[] body = new byte[bodyBytes];
    requests = new CacheRequest[ENTRIES];
    Headers requestHeaders = Headers.of("Accept", "*/*", "User-Agent", "bench");
    Headers responseHeaders = Headers.of(
        "Cache-Control", "max-age=86400", "Content-Type", "video/mp4",
        "Content-Length", Integer.toString(bodyBytes), "ETag", "\"v1\"",
        "Date", "Thu, 01 Jan 2026 00:00:00 GMT");
    for (int i = 0; i < ENTRIES; i++) {
      requests[i] = new CacheRequest("GET", "http", "origin.example",
          "/video/rep-1/seg-" + i + ".m4s", requestHeaders);
      Lookup.Miss miss = (Lookup.Miss) cache.lookup(requests[i]);
      miss.fill().start(200, responseHeaders);
      miss.fill().append(Unpooled.wrappedBuffer(body));
      miss.fill().complete();
      miss.reader().close();
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    cache.close();
  }

  /** Lookup only; the body handle is released at once. */
  @Benchmark
  public long lookupFreshHit() {
    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(requests[next++ % ENTRIES]);
    long length = fresh.body().length();
    fresh.body().release();
    return length;
  }

  /** Lookup plus the body as the edge writes it: 64 KiB retained slices, each released. */
  @Benchmark
  public long lookupAndSliceBody() {
    Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(requests[next++ % ENTRIES]);
    ByteBuf content = ((CachedBody.Memory) fresh.body()).content();
    long sent = 0;
    try {
      for (int offset = 0; offset < content.readableBytes(); offset += SLICE_BYTES) {
        int length = Math.min(SLICE_BYTES, content.readableBytes() - offset);
        ByteBuf slice = content.retainedSlice(content.readerIndex() + offset, length);
        sent += slice.readableBytes();
        slice.release();
      }
    } finally {
      content.release();
    }
    return sent + fresh.ageSeconds();
  }
}
