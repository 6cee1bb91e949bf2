package org.dmmedge.edge.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dmmedge.edge.proxy.ResponseHeads.CacheResult;
import org.dmmedge.edge.server.Route;
import org.dmmedge.origin.OriginException;
import org.dmmedge.origin.OriginExchange;
import org.dmmedge.origin.OriginRequest;
import org.dmmedge.origin.OriginResponseHead;
import org.dmmedge.origin.RequestBodyStream;

/**
 * Forwards a request that the cache does not answer (unsafe and extension methods, uncacheable
 * requests) with its body, and streams the origin's response back unchanged but for hop-by-hop
 * headers.
 *
 * <p>Request body: up to {@value #BUFFER_BYTES} bytes are read before the origin sees the
 * request, so a body that turns out malformed (a bad chunk) is rejected without reaching the
 * origin; a longer body then streams, one client read per chunk the origin connection has
 * taken (AUTO_READ is off: the next read is issued when the previous chunk was sent).
 *
 * <p>After the response head the exchange can only end or close the connection. Event-loop
 * confined except where {@link OriginRelay} hands over.
 */
final class PassThrough implements Exchange, OriginRelay.Target {
  static final int BUFFER_BYTES = 64 * 1024;

  /** Called with the origin's head before it is relayed (the cache invalidates there). */
  interface HeadListener {
    /** Returns Cache-Status parameters to add after fwd-status (e.g. {@code ; detail=x}) or "". */
    String onHead(OriginResponseHead head);
  }

  private final ChannelHandlerContext ctx;
  private final HttpRequest request;
  private final Route route;
  private final ProxyServices services;
  private final ClientResponse response;
  private final CacheResult result;
  private final String cacheStatus;
  private final HeadListener headListener;
  private final boolean hasBody;
  private final List<ByteBuf> buffered = new ArrayList<>();
  private int bufferedBytes;
  private RequestBodyStream body;
  private OriginExchange origin;
  private boolean requestComplete;
  private boolean closed;

  PassThrough(ChannelHandlerContext ctx, HttpRequest request, Route route,
      ProxyServices services, ClientResponse response, CacheResult result, String cacheStatus,
      HeadListener headListener) {
    this.ctx = ctx;
    this.request = request;
    this.route = route;
    this.services = services;
    this.response = response;
    this.result = result;
    this.cacheStatus = cacheStatus;
    this.headListener = headListener;
    this.hasBody = HttpUtil.isTransferEncodingChunked(request)
        || HttpUtil.getContentLength(request, 0L) > 0;
  }

  /** Starts at the request head: a bodyless request goes to the origin at once. */
  void start() {
    if (!hasBody) {
      send(Optional.empty());
    }
    ctx.read(); // the body, or the empty last content of a bodyless request
  }

  @Override
  public void content(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    if (closed || !hasBody) {
      content.release();
      requestComplete |= last;
      return;
    }
    ByteBuf data = content.content();
    if (body == null) {
      buffered.add(data);
      bufferedBytes += data.readableBytes();
      if (last) {
        requestComplete = true;
        RequestBodyStream whole = new RequestBodyStream(bufferedBytes);
        send(Optional.of(whole));
        flushBuffered(whole);
        whole.end();
      } else if (bufferedBytes > BUFFER_BYTES) {
        long declared = HttpUtil.isTransferEncodingChunked(request)
            ? -1 : HttpUtil.getContentLength(request, -1L);
        body = new RequestBodyStream(declared);
        send(Optional.of(body));
        flushBuffered(body);
        ctx.read();
      } else {
        ctx.read();
      }
      return;
    }
    requestComplete = last;
    body.write(data.nioBuffer(), () -> ctx.executor().execute(() -> {
      data.release();
      if (!last && !closed) {
        ctx.read();
      }
    }));
    if (last) {
      body.end();
    }
  }

  private void flushBuffered(RequestBodyStream target) {
    for (ByteBuf b : buffered) {
      target.write(b.nioBuffer(), () -> ctx.executor().execute(b::release));
    }
    buffered.clear();
  }

  private void send(Optional<RequestBodyStream> requestBody) {
    OriginRequest originRequest = OriginRequests.of(request, route, services.via(), requestBody);
    origin = services.originClient().send(originRequest, new OriginRelay(ctx, this));
  }

  @Override
  public void originHead(OriginResponseHead head) {
    if (closed) {
      return;
    }
    String extra = headListener.onHead(head);
    HttpResponse out = ResponseHeads.build(head.status(), head.headers(), services, result,
        cacheStatus + "; fwd-status=" + head.status() + extra);
    response.sendHead(out);
    ctx.flush();
  }

  @Override
  public void originBody(ByteBuf chunk, Runnable written) {
    if (closed) {
      chunk.release();
      written.run();
      return;
    }
    response.sendBody(chunk).addListener(f -> written.run());
  }

  @Override
  public void originEnd() {
    if (!closed) {
      if (hasBody && !requestComplete) {
        response.closeAfter(); // the origin answered before the body was all sent
      }
      response.finish();
    }
  }

  @Override
  public void originFailed(OriginException error) {
    if (!closed) {
      fail(error);
    }
  }

  @Override
  public void fail(Throwable cause) {
    if (closed) {
      return;
    }
    closed = true;
    abandonOrigin(cause);
    response.fail(cause);
  }

  @Override
  public void clientClosed() {
    if (!closed) {
      closed = true;
      abandonOrigin(new java.nio.channels.ClosedChannelException());
    }
  }

  private void abandonOrigin(Throwable cause) {
    buffered.forEach(ByteBuf::release);
    buffered.clear();
    if (body != null) {
      body.abort(cause instanceof Exception e ? e : new Exception(cause));
    }
    if (origin != null) {
      origin.cancel();
    }
  }
}
