package org.dmmedge.edge.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.dmmedge.edge.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one client connection: one request at a time, answered in order.
 *
 * <p>A CONNECT request, when tunnels are enabled, is a {@link ConnectExchange}; once it is
 * answered 200 this handler leaves the pipeline with the other HTTP handlers.
 *
 * <p>Reads: AUTO_READ is off and a flow-control handler upstream delivers one message per
 * read, so pipelined requests wait until this handler asks. When idle it keeps one read
 * outstanding; while busy the current {@link Exchange} asks for its request body. A message
 * that arrives for a later request while busy is kept in order in {@code deferred}.
 *
 * <p>End of a response: the exchange is forgotten at once (later body parts of its request are
 * discarded), and the next step runs as a separate event-loop task: close (no keep-alive, or
 * {@link #drain()}), finish discarding the request body, or take the next request. Event-loop
 * confined; one instance per connection.
 */
public final class ProxyHandler extends ChannelInboundHandlerAdapter
    implements ClientResponse.Done {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);

  private final ProxyServices services;
  private final ExchangeFactory exchanges;
  private final ArrayDeque<Object> deferred = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private Exchange current;
  private ClientResponse currentResponse;
  private boolean requestOpen;
  private boolean continuing;
  private boolean draining;

  /** Chooses the exchange for a request (the cache path, or a pass-through). */
  interface ExchangeFactory {
    /** Starts answering {@code request}; may throw {@link HttpStatusException}. */
    Exchange start(ChannelHandlerContext ctx, HttpRequest request, Route route,
        ClientResponse response);
  }

  /** A handler that answers every request through {@code cache}. */
  public ProxyHandler(ProxyServices services, org.dmmedge.cache.HttpCache cache) {
    this(services, (ctx, request, route, response) -> {
      CacheExchange exchange = new CacheExchange(ctx, request, route, services, cache, response);
      exchange.start();
      return exchange;
    });
  }

  ProxyHandler(ProxyServices services, ExchangeFactory exchanges) {
    this.services = services;
    this.exchanges = exchanges;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    context.read();
    context.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    boolean laterRequest = msg instanceof HttpRequest && (current != null || continuing);
    if (laterRequest || !deferred.isEmpty()) {
      deferred.add(msg);
      return;
    }
    handle(msg);
  }

  private void handle(Object msg) {
    if (msg instanceof HttpRequest request) {
      requestOpen = !(msg instanceof LastHttpContent);
      ClientResponse response = new ClientResponse(ctx, request, services, this);
      Exchange started = null;
      try {
        if (request.method().equals(HttpMethod.CONNECT) && services.tunnels().enabled()) {
          started = ConnectExchange.start(ctx, request, services, response);
        } else {
          started = route(request, response);
        }
      } catch (HttpStatusException e) {
        response.fail(e);
      }
      if (!response.finished()) {
        current = started;
        currentResponse = response;
      }
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpContent content) {
      boolean last = content instanceof LastHttpContent;
      if (last) {
        requestOpen = false;
      }
      if (current != null) {
        current.content(content);
      } else {
        content.release(); // the body of a request already answered
        if (last && !continuing) {
          next();
        } else if (!continuing) {
          ctx.read();
        }
      }
      return;
    }
    ReferenceCountUtil.release(msg);
  }

  /** Routes {@code request} (the resolver refuses CONNECT) and starts its exchange. */
  private Exchange route(HttpRequest request, ClientResponse response) {
    Route route = services.resolver().resolve(request);
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress client) {
      services.requests().requested(client.getAddress(), request.method().name(), route);
      if (!services.requests().keepAlive(client.getAddress())) {
        response.closeAfter();
      }
    }
    return exchanges.start(ctx, request, route, response);
  }

  @Override
  public void responseDone(boolean keepAlive) {
    current = null;
    currentResponse = null;
    continuing = true;
    ctx.executor().execute(() -> {
      continuing = false;
      if (!keepAlive || draining) {
        closeGracefully();
      } else if (requestOpen) {
        ctx.read(); // discard the rest of the answered request's body
      } else {
        next();
      }
    });
  }

  /** Takes the next request: a deferred one, or a fresh read. */
  private void next() {
    while (current == null && !continuing && !deferred.isEmpty()) {
      handle(deferred.poll());
    }
    if (current == null && !continuing) {
      ctx.read();
    }
  }

  private void closeGracefully() {
    deferred.forEach(ReferenceCountUtil::release);
    deferred.clear();
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Graceful shutdown, or a client that moved away: close now when idle, else after the
   * current response (which says {@code Connection: close} when its head is not out yet).
   */
  public void drain() {
    draining = true;
    if (currentResponse != null) {
      currentResponse.closeAfter();
    }
    if (current == null && !continuing) {
      closeGracefully();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object evt) {
    if (evt instanceof IdleStateEvent && current == null && !continuing) {
      context.close();
      return;
    }
    context.fireUserEventTriggered(evt);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext context) {
    if (current != null) {
      current.writabilityChanged();
    }
    context.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    deferred.forEach(ReferenceCountUtil::release);
    deferred.clear();
    if (current != null) {
      Exchange gone = current;
      current = null;
      currentResponse = null;
      gone.clientClosed();
    }
    context.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    if (current != null) {
      current.fail(cause);
      return;
    }
    if (cause instanceof HttpStatusException) {
      var error = ErrorResponses.response(cause, services.nodeName(), context.alloc());
      error.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      context.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (ErrorResponses.isExpected(cause)) {
      LOG.debug("connection error: {}", cause.toString());
    } else {
      LOG.warn("connection error", cause);
    }
    context.close();
  }
}
