package org.dmmedge.edge.prefetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.CachedBody;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.cache.Lookup;
import org.dmmedge.edge.server.Route;

/**
 * Reads a small stored response body (an MPD just served) out of the cache, so a manifest is
 * parsed from the complete cached object instead of being buffered a second time on its way to
 * the client. The lookup accepts any staleness and only what is stored, so it never starts an
 * origin fetch or a revalidation; it counts as a cache hit in the cache's statistics.
 */
final class StoredDocuments {
  private static final Headers READ_STORED = Headers.builder()
      .add("Cache-Control", "max-stale=2147483647, only-if-cached").build();

  private StoredDocuments() {}

  /** The stored body for {@code route}, when stored, complete and at most {@code maxBytes}. */
  static Optional<byte[]> read(HttpCache cache, Route route, long maxBytes) {
    Lookup lookup = cache.lookup(new CacheRequest("GET", route.scheme(), route.authority(),
        route.pathAndQuery(), READ_STORED));
    CachedBody body;
    if (lookup instanceof Lookup.Fresh f) {
      body = f.body();
    } else if (lookup instanceof Lookup.Stale s) {
      body = s.body(); // max-stale: accepted as is, no revalidation is handed out
    } else {
      if (lookup instanceof Lookup.JoinFill j) {
        j.reader().close(); // still being fetched: read it when served again
      }
      return Optional.empty();
    }
    try {
      return body.length() > maxBytes ? Optional.empty() : Optional.of(bytes(body));
    } catch (IOException e) {
      return Optional.empty();
    } finally {
      body.release();
    }
  }

  private static byte[] bytes(CachedBody body) throws IOException {
    byte[] out = new byte[(int) body.length()];
    if (body instanceof CachedBody.Memory m) {
      m.content().getBytes(m.content().readerIndex(), out);
    } else if (body instanceof CachedBody.File f) {
      ByteBuffer buffer = ByteBuffer.wrap(out);
      while (buffer.hasRemaining()) {
        if (f.channel().read(buffer, f.offset() + buffer.position()) < 0) {
          throw new IOException("stored body shorter than its length");
        }
      }
    }
    return out;
  }
}
