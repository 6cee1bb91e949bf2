package org.dmmedge.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.cache.Lookup;
import org.dmmedge.cache.fill.FillReader;
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
 * Read-while-write cost of one collapsed fill: a 2 MiB object arrives in 16 KiB chunks and
 * {@code followers} readers take every chunk as retained slices right after it is appended
 * (single thread: the copy into the fill plus the fan-out, without socket writes). The memory
 * budget is zero, so each complete fill is evicted at once and every invocation is a miss.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FillFanOutBenchmark {
  private static final int OBJECT_BYTES = 2 * 1024 * 1024;
  private static final int CHUNK_BYTES = 16 * 1024;

  @Param({"1", "10", "100"})
  int followers;

  private HttpCache cache;
  private CacheRequest request;
  private Headers head;
  private ByteBuf chunk;

  @Setup(Level.Trial)
  public void setUp() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    cache = HttpCache.create(CacheConfig.builder().memoryBudgetBytes(0).build(), clock);
    request = new CacheRequest("GET", "http", "origin.example", "/seg.m4s", Headers.empty());
    head = Headers.of("Cache-Control", "max-age=60", "Content-Length",
        Integer.toString(OBJECT_BYTES));
    chunk = Unpooled.directBuffer(CHUNK_BYTES).writeZero(CHUNK_BYTES);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    chunk.release();
    cache.close();
  }

  /** One fill of 2 MiB streamed to every follower. */
  @Benchmark
  public long fillAndFanOut() {
    Lookup.Miss miss = (Lookup.Miss) cache.lookup(request);
    FillReader[] readers = new FillReader[followers];
    for (int i = 0; i < followers; i++) {
      readers[i] = ((Lookup.JoinFill) cache.lookup(request)).reader();
    }
    miss.fill().start(200, head);
    long read = 0;
    for (int offset = 0; offset < OBJECT_BYTES; offset += CHUNK_BYTES) {
      miss.fill().append(chunk.retainedDuplicate());
      for (FillReader reader : readers) {
        ByteBuf slice;
        while ((slice = reader.readSlice(64 * 1024)) != null) {
          read += slice.readableBytes();
          slice.release();
        }
      }
    }
    miss.fill().complete();
    for (FillReader reader : readers) {
      reader.close();
    }
    miss.reader().close();
    return read;
  }
}
