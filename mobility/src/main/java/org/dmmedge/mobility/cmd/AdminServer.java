package org.dmmedge.mobility.cmd;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The CMD's HTTP admin API: {@code GET /bindings} and {@code GET /bindings/{mn}} as JSON,
 * {@code GET /metrics} as text. Reads the store's in-memory view on the event loop (no I/O).
 */
final class AdminServer implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 8192;

  private final EventLoopGroup group;
  private final Channel channel;

  AdminServer(InetSocketAddress bind, BindingStore store, CmdMetrics metrics) {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast("http", new HttpServerCodec());
              ch.pipeline().addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES));
              ch.pipeline().addLast("admin", new AdminHandler(store, metrics));
            }
          }).bind(bind).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Routes one request; every answer is complete, keep-alive as the client asked. */
  private static final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final BindingStore store;
    private final CmdMetrics metrics;

    AdminHandler(BindingStore store, CmdMetrics metrics) {
      this.store = store;
      this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String path = new QueryStringDecoder(request.uri()).path();
      FullHttpResponse response;
      if (!request.method().equals(HttpMethod.GET)) {
        response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n");
      } else if (path.equals("/bindings")) {
        response = json(HttpResponseStatus.OK, BindingJson.list(store.all()));
      } else if (path.startsWith("/bindings/")) {
        String mn = QueryStringDecoder.decodeComponent(path.substring("/bindings/".length()));
        response = store.get(mn)
            .map(b -> json(HttpResponseStatus.OK, BindingJson.one(b)))
            .orElseGet(() -> json(HttpResponseStatus.NOT_FOUND,
                "{\"error\":" + BindingJson.string("no binding for " + mn) + "}"));
      } else if (path.equals("/metrics")) {
        response = text(HttpResponseStatus.OK, metrics.render(store.size()));
      } else {
        response = text(HttpResponseStatus.NOT_FOUND, "unknown path " + path + "\n");
      }
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      HttpUtil.setKeepAlive(response, keepAlive);
      var future = ctx.writeAndFlush(response);
      if (!keepAlive) {
        future.addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }

    private static FullHttpResponse json(HttpResponseStatus status, String body) {
      return response(status, body, HttpHeaderValues.APPLICATION_JSON.toString());
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
      return response(status, body, "text/plain; charset=utf-8");
    }

    private static FullHttpResponse response(HttpResponseStatus status, String body, String type) {
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
          Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
          .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
      return response;
    }
  }
}
