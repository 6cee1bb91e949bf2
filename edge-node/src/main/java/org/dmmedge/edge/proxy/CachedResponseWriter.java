package org.dmmedge.edge.proxy;

import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.HttpResponse;
import java.util.Optional;
import org.dmmedge.cache.CachedBody;
import org.dmmedge.cache.range.ByteRange;
import org.dmmedge.cache.store.StoredResponse;
import org.dmmedge.edge.proxy.ResponseHeads.CacheResult;

/**
 * Answers from a stored response without copying its body: memory bodies leave as the retained
 * slice the cache handed out, disk bodies as a zero-copy {@link DefaultFileRegion}; both are
 * released by the write. Adds {@code Age} and, for a range, 206 with {@code Content-Range}.
 */
final class CachedResponseWriter {
  private CachedResponseWriter() {}

  /**
   * The head of a stored response as a Netty object: status, client fields, Age, range fields
   * (for a fill's head, whose body length may not be known yet).
   */
  static HttpResponse head(StoredResponse stored, long ageSeconds, Optional<ByteRange> range,
      ProxyServices services, CacheResult result, String cacheStatus) {
    int status = range.isPresent() ? 206 : stored.status();
    HttpResponse head = ResponseHeads.build(status, CacheRequests.toList(stored.clientHeaders()),
        services, result, cacheStatus);
    head.headers().set("Age", Long.toString(ageSeconds));
    range.ifPresent(r -> head.headers()
        .set("Content-Range", r.contentRange())
        .set("Content-Length", Long.toString(r.length())));
    return head;
  }

  /**
   * Sends a stored response: its head from the wire form kept per entry ({@link HitHead}),
   * then the body, and ends the response; takes ownership of {@code body}.
   *
   * @param cacheStatus this node's Cache-Status member
   */
  static void send(ClientResponse response, StoredResponse stored, long ageSeconds,
      Optional<ByteRange> range, ProxyServices services, CacheResult result, String cacheStatus,
      CachedBody body) {
    response.sendHead(HitHead.of(stored, services), range, stored.bodyLength(), ageSeconds,
        result, cacheStatus);
    if (body.length() == 0) {
      body.release();
    } else if (body instanceof CachedBody.Memory memory) {
      response.sendBodyNoFlush(memory.content(), memory.length());
    } else if (body instanceof CachedBody.File file) {
      response.sendBodyNoFlush(
          new DefaultFileRegion(file.channel(), file.offset(), file.length()), file.length());
    }
    response.finish();
  }
}
