package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.CacheFixtures.get;
import static org.dmmedge.cache.CacheFixtures.response;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.dmmedge.cache.fill.FillReader;
import org.junit.jupiter.api.Test;

/**
 * Lookups racing fills that complete, abort and get purged: every body a reader gets is whole
 * and right, nothing throws, nothing leaks (the leak check runs after the class).
 */
class FillRaceTest {
  private static final int ROUNDS = 300;
  private static final byte[] OBJECT = new byte[100_000];

  static {
    for (int i = 0; i < OBJECT.length; i++) {
      OBJECT[i] = (byte) (i * 31);
    }
  }

  private final MutableClock clock = MutableClock.atDefaultStart();

  @Test
  void readersSeeWholeBodiesWhileFillsCompleteAbortAndArePurged() throws Exception {
    ExecutorService threads = Executors.newCachedThreadPool();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong wholeBodies = new AtomicLong();
    try (HttpCache cache = HttpCache.create(CacheConfig.defaults(), clock)) {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        readers.add(threads.submit(() -> {
          while (!done.get()) {
            read(cache, wholeBodies);
          }
          return null;
        }));
      }
      threads.submit(() -> {
        for (int round = 0; round < ROUNDS; round++) {
          Lookup lookup = cache.lookup(get("/hot"));
          if (lookup instanceof Lookup.Miss miss) {
            miss.reader().close();
            feed(miss, round % 3 == 0);
          } else {
            release(lookup);
          }
          if (round % 2 == 0) {
            cache.purge(CacheFixtures.ORIGIN + "/hot");
          }
        }
        done.set(true);
        return null;
      }).get(60, TimeUnit.SECONDS);
      for (Future<?> reader : readers) {
        reader.get(60, TimeUnit.SECONDS);
      }
      assertThat(cache.stats().inFlightFills()).isZero();
    } finally {
      threads.shutdownNow();
    }
    assertThat(wholeBodies.get()).isPositive();
  }

  private void feed(Lookup.Miss miss, boolean abort) {
    miss.fill().start(200, response(clock, "Cache-Control", "max-age=600"));
    for (int offset = 0; offset < OBJECT.length; offset += 10_000) {
      if (abort && offset == 50_000) {
        miss.fill().abort(new java.io.IOException("reset"));
        return;
      }
      miss.fill().append(Unpooled.wrappedBuffer(OBJECT, offset, 10_000));
    }
    miss.fill().complete();
  }

  private void read(HttpCache cache, AtomicLong wholeBodies) throws InterruptedException {
    Lookup lookup = cache.lookup(get("/hot"));
    if (lookup instanceof Lookup.Fresh fresh) {
      ByteBuf content = ((CachedBody.Memory) fresh.body()).content();
      try {
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        assertThat(bytes).isEqualTo(OBJECT);
        wholeBodies.incrementAndGet();
      } finally {
        content.release();
      }
    } else if (lookup instanceof Lookup.JoinFill join) {
      ReaderDrain.Result result = ReaderDrain.drain(join.reader());
      if (result.status() == FillReader.Status.END) {
        assertThat(result.body()).isEqualTo(OBJECT);
        wholeBodies.incrementAndGet();
      } else {
        assertThat(result.status()).isIn(FillReader.Status.ABORTED,
            FillReader.Status.UNCACHEABLE);
      }
    } else if (lookup instanceof Lookup.Miss miss) {
      miss.fill().abort(new IllegalStateException("reader does not fetch"));
      miss.reader().close();
    }
  }

  private static void release(Lookup lookup) {
    if (lookup instanceof Lookup.Fresh fresh) {
      fresh.body().release();
    } else if (lookup instanceof Lookup.JoinFill join) {
      join.reader().close();
    }
  }
}
