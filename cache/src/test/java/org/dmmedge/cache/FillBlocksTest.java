package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.CacheFixtures.get;
import static org.dmmedge.cache.CacheFixtures.response;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bodies across the fill's block boundaries, with and without Content-Length. */
class FillBlocksTest {
  private final MutableClock clock = MutableClock.atDefaultStart();

  @ParameterizedTest(name = "{0} bytes in chunks of {1}, Content-Length sent: {2}")
  @CsvSource({
      "0, 1, true", "0, 1, false", "1, 1, false", "65535, 4096, false", "65536, 4096, false",
      "65537, 4096, false", "71680, 7000, false", "458752, 65536, false", "458753, 1000, true",
      "131072, 131072, false"})
  void storedBodyEqualsWhatArrived(int size, int chunk, boolean contentLength) {
    byte[] object = new byte[size];
    new Random(size).nextBytes(object);
    try (HttpCache cache = HttpCache.create(CacheConfig.defaults(), clock)) {
      Lookup.Miss miss = (Lookup.Miss) cache.lookup(get("/o"));
      Headers headers = response(clock, "Cache-Control", "max-age=60");
      if (contentLength) {
        headers = headers.toBuilder().add("Content-Length", Integer.toString(size)).build();
      }
      miss.fill().start(200, headers);
      for (int offset = 0; offset < size; offset += chunk) {
        miss.fill().append(Unpooled.wrappedBuffer(object, offset, Math.min(chunk, size - offset)));
      }
      miss.fill().complete();
      java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
      CacheFixtures.drainBytes(miss.reader(), streamed);
      miss.reader().close();

      Lookup.Fresh fresh = (Lookup.Fresh) cache.lookup(get("/o"));
      ByteBuf stored = ((CachedBody.Memory) fresh.body()).content();
      try {
        byte[] bytes = new byte[stored.readableBytes()];
        stored.getBytes(stored.readerIndex(), bytes);
        assertThat(bytes).isEqualTo(object);
        assertThat(streamed.toByteArray()).isEqualTo(object);
        assertThat(fresh.response().clientHeaders().get("Content-Length"))
            .isEqualTo(Integer.toString(size));
      } finally {
        fresh.body().release();
      }
    }
  }
}
