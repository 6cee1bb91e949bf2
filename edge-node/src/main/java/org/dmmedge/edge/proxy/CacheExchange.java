package org.dmmedge.edge.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dmmedge.cache.CacheRequest;
import org.dmmedge.cache.CacheStatus;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.HttpCache;
import org.dmmedge.cache.Lookup;
import org.dmmedge.cache.fill.Fill;
import org.dmmedge.cache.fill.FillReader;
import org.dmmedge.edge.proxy.ResponseHeads.CacheResult;
import org.dmmedge.edge.server.Route;
import org.dmmedge.origin.OriginRequest;

/**
 * Answers one request through the cache: looks it up and acts on the {@link Lookup} kind.
 *
 * <ul>
 *   <li>Fresh, Stale: served from the store ({@link CachedResponseWriter}); a Stale that won the
 *       background revalidation starts it (one per key, no client waits for it).
 *   <li>NotModified, PreconditionFailed, Unsatisfiable, OnlyIfCachedMiss: 304, 412, 416, 504.
 *   <li>Miss, MustRevalidate: this request leads the origin fetch into the fill
 *       ({@link FillFeeder}) and streams from it like every follower ({@link FillStreamWriter});
 *       an unstorable response is relayed straight to this client.
 *   <li>JoinFill: streams from the running fill; falls back to its own pass-through when the
 *       fill cannot serve it.
 *   <li>Pass: a {@link PassThrough}; unsafe methods invalidate after the response (§4.4).
 * </ul>
 * Event-loop confined; origin callbacks reach it through the fill or {@link OriginRelay}.
 */
final class CacheExchange implements Exchange, FillStreamWriter.Outcome {
  private final ChannelHandlerContext ctx;
  private final HttpRequest request;
  private final Route route;
  private final ProxyServices services;
  private final HttpCache cache;
  private final ClientResponse response;
  private final CacheRequest cacheRequest;
  private Exchange delegate;
  private FillStreamWriter stream;
  private FillFeeder feeder;
  private PassThrough relayCandidate;
  private boolean mustRevalidateStaleIfError;
  private CacheResult result = CacheResult.MISS;
  private String cacheStatus = "fwd=uri-miss";
  private Lookup lookup;
  private Fill streamed;

  CacheExchange(ChannelHandlerContext ctx, HttpRequest request, Route route,
      ProxyServices services, HttpCache cache, ClientResponse response) {
    this.ctx = ctx;
    this.request = request;
    this.route = route;
    this.services = services;
    this.cache = cache;
    this.response = response;
    this.cacheRequest = CacheRequests.of(request, route);
  }

  void start() {
    lookup = cache.lookup(cacheRequest);
    if (lookup instanceof Lookup.Fresh f) {
      f.response().recordHit();
      CachedResponseWriter.send(response, f.response(), f.ageSeconds(), f.range(), services,
          CacheResult.HIT, cache.cacheStatus(services.nodeName(), f), f.body());
    } else if (lookup instanceof Lookup.Stale s) {
      s.revalidation().ifPresent(fill -> revalidateInBackground(fill, s.conditionalHeaders()));
      serveStale(s);
    } else if (lookup instanceof Lookup.NotModified n) {
      HttpResponse head = ResponseHeads.build(304, CacheRequests.toList(n.headers()), services,
          CacheResult.HIT, "hit");
      head.headers().set("Age", Long.toString(n.ageSeconds()));
      sendEmpty(head);
    } else if (lookup instanceof Lookup.PreconditionFailed p) {
      sendEmpty(ResponseHeads.build(412, List.of(), services, CacheResult.HIT, "hit"));
    } else if (lookup instanceof Lookup.Unsatisfiable u) {
      rangeNotSatisfiable(u.response().bodyLength());
    } else if (lookup instanceof Lookup.MustRevalidate m) {
      mustRevalidateStaleIfError = m.staleIfError();
      result = CacheResult.REVALIDATED;
      cacheStatus = "fwd=stale";
      lead(m.fill(), m.reader(), m.conditionalHeaders());
    } else if (lookup instanceof Lookup.Miss m) {
      lead(m.fill(), m.reader(), Headers.empty());
    } else if (lookup instanceof Lookup.JoinFill j) {
      streamed = j.fill();
      stream = new FillStreamWriter(ctx, response, j.reader(), cache, services, this);
      stream.start();
    } else if (lookup instanceof Lookup.Pass p) {
      pass(p.reason());
    } else {
      response.fail(new HttpStatusException(504, "only-if-cached: not in cache", Map.of(
          "Cache-Status", CacheStatus.of(services.nodeName(), lookup, services.clock().millis()))));
    }
  }

  private void serveStale(Lookup.Stale s) {
    s.response().recordHit();
    CachedResponseWriter.send(response, s.response(), s.ageSeconds(), s.range(), services,
        CacheResult.STALE, cache.cacheStatus(services.nodeName(), s), s.body());
  }

  /** Leads a fill: one origin request whose body feeds the fill; streams this client from it. */
  private void lead(Fill fill, FillReader reader, Headers conditional) {
    streamed = fill;
    PassThrough relay = new PassThrough(ctx, request, route, services, response,
        CacheResult.MISS, cacheStatus, head -> fill.isHeadRevalidation() && head.status() == 200
            ? "; detail=head-mismatch" : ""); // the HEAD's 200 invalidated the stored response
    feeder = new FillFeeder(fill, new OriginRelay(ctx, relay));
    services.originClient().send(
        fillRequest(fill.isHeadRevalidation() ? "HEAD" : "GET", conditional), feeder);
    relayCandidate = relay;
    stream = new FillStreamWriter(ctx, response, reader, cache, services, this);
    stream.start();
  }

  /**
   * The fill's origin request: the client's request for the whole, unconditional object (no
   * Range, no client validators), plus the stored entry's validators when revalidating; a GET,
   * or a HEAD for a HEAD client's own revalidation (RFC 9111 §4.3.5).
   */
  private OriginRequest fillRequest(String method, Headers conditional) {
    Map<String, String> extra = new java.util.LinkedHashMap<>();
    conditional.forEach(extra::put);
    List<Map.Entry<String, String>> headers = OriginRequests.headers(request, route,
        services.via(), CacheRequests.FILL_DROPS, extra);
    return new OriginRequest(method, route.target(), route.pathAndQuery(), headers,
        Optional.empty());
  }

  private void revalidateInBackground(Fill fill, Headers conditional) {
    services.originClient().send(fillRequest("GET", conditional), new FillFeeder(fill, null));
  }

  private void pass(Lookup.PassReason reason) {
    boolean unsafe = reason == Lookup.PassReason.METHOD;
    CacheResult label = reason == Lookup.PassReason.HEAD_MISS ? CacheResult.MISS
        : CacheResult.BYPASS;
    String status = switch (reason) {
      case METHOD -> "fwd=method";
      case NO_STORE -> "fwd=request";
      case HEAD_MISS -> "fwd=uri-miss";
      default -> "fwd=bypass";
    };
    PassThrough p = new PassThrough(ctx, request, route, services, response, label, status,
        head -> {
          if (unsafe) {
            cache.invalidateAfter(cacheRequest, head.status(),
                CacheRequests.toCache(head.headers()));
          }
          return "";
        });
    delegate = p;
    p.start();
  }

  private void sendEmpty(HttpResponse head) {
    FullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, head.status(),
        Unpooled.EMPTY_BUFFER, head.headers(), new io.netty.handler.codec.http.DefaultHttpHeaders());
    if (head.status().code() != 304) {
      full.headers().set("Content-Length", "0");
    }
    response.sendFull(full);
  }

  // ---- FillStreamWriter.Outcome ----------------------------------------------------------

  @Override
  public CacheResult result() {
    if (feeder != null && result == CacheResult.REVALIDATED && !feeder.revalidated()) {
      return CacheResult.MISS; // the origin sent a new response instead of 304
    }
    return result;
  }

  @Override
  public String cacheStatus() {
    // A HEAD revalidation's 200 that matched refreshed the stored response (RFC 9111 §4.3.5).
    boolean headUpdated = feeder != null && feeder.revalidated() && feeder.fwdStatus() == 200;
    String member = CacheStatus.ofFill(services.nodeName(), lookup, streamed,
        feeder == null ? 0 : feeder.fwdStatus(), headUpdated ? "head-updated" : null,
        services.clock().millis());
    return member.substring(services.nodeName().length() + 2); // ResponseHeads adds the name
  }

  @Override
  public void abortedBeforeHead() {
    if (mustRevalidateStaleIfError) {
      Optional<Lookup.Stale> stale = cache.staleIfError(cacheRequest);
      if (stale.isPresent()) {
        serveStale(stale.get());
        return;
      }
    }
    if (feeder != null && feeder.failure() != null) {
      response.fail(feeder.failure());
    } else {
      response.fail(new HttpStatusException(502, "origin fetch failed"));
    }
  }

  @Override
  public void uncacheable() {
    if (feeder != null && feeder.relaying()) {
      delegate = relayCandidate; // the leader's origin response is relayed to this client
      return;
    }
    pass(Lookup.PassReason.FILL_UNUSABLE);
  }

  @Override
  public void rangeNotSatisfiable(long totalLength) {
    HttpResponse head = ResponseHeads.build(416, List.of(), services, CacheResult.HIT, "hit");
    head.headers().set("Content-Range", "bytes */" + totalLength);
    sendEmpty(head);
  }

  // ---- Exchange --------------------------------------------------------------------------

  @Override
  public void content(HttpContent content) {
    if (delegate != null) {
      delegate.content(content);
    } else {
      content.release(); // a GET/HEAD body has no meaning for the cache
    }
  }

  @Override
  public void fail(Throwable cause) {
    closeStream();
    if (delegate != null) {
      delegate.fail(cause);
    } else {
      response.fail(cause);
    }
  }

  @Override
  public void clientClosed() {
    closeStream();
    if (delegate != null) {
      delegate.clientClosed();
    }
  }

  @Override
  public void writabilityChanged() {
    if (stream != null) {
      stream.writabilityChanged();
    }
  }

  private void closeStream() {
    if (stream != null) {
      stream.close();
    }
  }
}
