package org.dmmedge.edge.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.dmmedge.cache.CacheKey;
import org.dmmedge.cache.HttpCache;

/**
 * The conventional {@code PURGE} method on the proxy port (as Squid and Varnish answer it):
 * removes every stored variant of the request's URL, keyed exactly as a GET of the same target
 * would be. Allowed only from configured client networks (403 otherwise); answers 200 with the
 * number of entries removed, or 404 when nothing was stored. Every other method goes through
 * the cache as usual.
 */
public final class PurgeMethod {
  private PurgeMethod() {}

  /**
   * A connection handler answering through {@code cache}, with PURGE.
   *
   * @param allowed whether a client address may purge
   * @param tap sees each request first (CMCD out of keys, DASH prefetch)
   */
  public static ProxyHandler handler(ProxyServices services, HttpCache cache,
      Predicate<InetAddress> allowed, RequestTap tap) {
    ProxyHandler.ExchangeFactory cached = (ctx, request, route, response) -> {
      CacheExchange exchange = new CacheExchange(ctx, request, route, services, cache, response);
      exchange.start();
      return exchange;
    };
    return new ProxyHandler(services, TapExchanges.around(tap, around(cached, cache, allowed)));
  }

  static ProxyHandler.ExchangeFactory around(ProxyHandler.ExchangeFactory inner,
      HttpCache cache, Predicate<InetAddress> allowed) {
    return (ctx, request, route, response) -> {
      if (!request.method().name().equals("PURGE")) {
        return inner.start(ctx, request, route, response);
      }
      InetAddress client = ctx.channel().remoteAddress() instanceof InetSocketAddress a
          ? a.getAddress() : null;
      if (client == null || !allowed.test(client)) {
        throw new HttpStatusException(403, "PURGE not allowed from "
            + (client == null ? "this client" : client.getHostAddress()));
      }
      CacheKey key = new CacheKey("GET", route.scheme(), route.authority(), route.pathAndQuery());
      int removed = cache.invalidate(key);
      byte[] body = ("{\"purged\":" + removed + "}\n").getBytes(StandardCharsets.UTF_8);
      FullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          removed > 0 ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
          Unpooled.wrappedBuffer(body));
      full.headers().set("Content-Type", "application/json");
      full.headers().set("Content-Length", body.length);
      response.sendFull(full);
      return null; // answered at once: there is no exchange to drive
    };
  }
}
