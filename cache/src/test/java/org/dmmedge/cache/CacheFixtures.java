package org.dmmedge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.dmmedge.cache.fill.Fill;
import org.dmmedge.cache.fill.FillReader;
import org.dmmedge.cache.policy.HttpDates;

/** Helpers shared by the cache tests: requests, origin responses, fills and body reads. */
public final class CacheFixtures {
  /** The base URI of test objects. */
  public static final String ORIGIN = "http://origin.test";

  private CacheFixtures() {}

  /** A GET of {@code path} on the test origin. */
  public static CacheRequest get(String path, String... headerNamesAndValues) {
    return CacheRequest.get(ORIGIN + path, Headers.of(headerNamesAndValues));
  }

  /** A request with {@code method} on the test origin. */
  public static CacheRequest request(String method, String path, String... headers) {
    return new CacheRequest(method, "http", "origin.test", path, Headers.of(headers));
  }

  /** Response fields with a Date of {@code clock}'s now plus the given fields. */
  public static Headers response(MutableClock clock, String... headerNamesAndValues) {
    return Headers.of(headerNamesAndValues).toBuilder()
        .add("Date", HttpDates.format(clock.millis()))
        .build();
  }

  /** Feeds a whole storable response into {@code fill} and completes it. */
  public static void fillWith(Fill fill, int status, Headers headers, String body) {
    fill.start(status, headers);
    fill.append(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    fill.complete();
  }

  /** Leads a miss of {@code request} to a complete 200 with {@code body}, closing its reader. */
  public static void store(HttpCache cache, CacheRequest request, Headers headers, String body) {
    Lookup lookup = cache.lookup(request);
    assertThat(lookup).isInstanceOf(Lookup.Miss.class);
    Lookup.Miss miss = (Lookup.Miss) lookup;
    fillWith(miss.fill(), 200, headers.toBuilder()
        .set("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length))
        .build(), body);
    miss.reader().close();
  }

  /** The body's bytes as text, releasing it. */
  public static String text(CachedBody body) {
    try {
      ByteBuf content = ((CachedBody.Memory) body).content();
      return content.toString(StandardCharsets.UTF_8);
    } finally {
      body.release();
    }
  }

  /** Reads every available byte of {@code reader} into {@code sink}, releasing the slices. */
  public static void drain(FillReader reader, StringBuilder sink) {
    ByteBuf slice;
    while ((slice = reader.readSlice(8192)) != null) {
      try {
        sink.append(slice.toString(StandardCharsets.UTF_8));
      } finally {
        slice.release();
      }
    }
  }

  /** Reads every available byte into {@code sink}, releasing the slices. */
  public static void drainBytes(FillReader reader, java.io.ByteArrayOutputStream sink) {
    ByteBuf slice;
    while ((slice = reader.readSlice(16384)) != null) {
      try {
        sink.writeBytes(ByteBufUtil.getBytes(slice));
      } finally {
        slice.release();
      }
    }
  }
}
