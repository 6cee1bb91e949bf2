package org.dmmedge.edge.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import java.net.SocketAddress;
import org.dmmedge.edge.server.ConnectTarget;
import org.dmmedge.edge.tunnel.Tunnels;

/**
 * A CONNECT request while tunnels are enabled (RFC 9110 §9.3.6): the target must be
 * authority-form (400), not this node (508) and on an allowed port (403); then the destination
 * is connected (502 unresolvable or refused, 504 timed out), the client is answered
 * {@code 200 Connection established} and its connection becomes a tunnel.
 *
 * <p>Before the 200, a failure is an error response through {@link ClientResponse} (logged,
 * connection closed) and a client that goes away cancels the connect, which closes whatever
 * was opened. From the 200 on, the tunnel owns both connections and logs itself when it ends.
 * Event-loop confined.
 */
final class ConnectExchange implements Exchange {
  private static final HttpResponseStatus ESTABLISHED =
      new HttpResponseStatus(200, "Connection established");

  private final ChannelHandlerContext ctx;
  private final ProxyServices services;
  private final ClientResponse response;
  private final String requestLine;
  private final String userAgent;
  private Future<Channel> connecting;

  private ConnectExchange(ChannelHandlerContext ctx, HttpRequest request,
      ProxyServices services, ClientResponse response) {
    this.ctx = ctx;
    this.services = services;
    this.response = response;
    this.requestLine = request.method() + " " + request.uri() + " " + request.protocolVersion();
    this.userAgent = request.headers().get(HttpHeaderNames.USER_AGENT);
  }

  /**
   * Checks {@code request} and starts connecting.
   *
   * @throws HttpStatusException 400, 403 or 508 when no tunnel may be opened
   */
  static Exchange start(ChannelHandlerContext ctx, HttpRequest request, ProxyServices services,
      ClientResponse response) {
    if (HttpUtil.isTransferEncodingChunked(request)
        || HttpUtil.getContentLength(request, 0L) > 0) {
      throw new HttpStatusException(400, "CONNECT request with content");
    }
    ConnectTarget target = services.resolver().connectTarget(request);
    services.tunnels().checkPort(target);
    ConnectExchange exchange = new ConnectExchange(ctx, request, services, response);
    exchange.connecting = services.tunnels().open(ctx.channel(), target, services.resolver());
    exchange.connecting.addListener(f -> exchange.connected());
    return exchange;
  }

  private void connected() {
    if (connecting.isCancelled()) {
      return;
    }
    if (!connecting.isSuccess()) {
      response.fail(connecting.cause());
      return;
    }
    if (!ctx.channel().isActive()) {
      connecting.getNow().close(); // the client left as the connect completed
      return;
    }
    SocketAddress client = ctx.channel().remoteAddress();
    ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, ESTABLISHED,
        Unpooled.EMPTY_BUFFER));
    services.tunnels().splice(ctx.channel(), connecting.getNow(),
        (fromClient, toClient, nanos) -> services.accessLog().logTunnel(client, requestLine,
            userAgent, fromClient, toClient, nanos));
  }

  @Override
  public void content(HttpContent content) {
    content.release(); // the empty end of the CONNECT request
  }

  @Override
  public void fail(Throwable cause) {
    connecting.cancel(false);
    response.fail(cause);
  }

  @Override
  public void clientClosed() {
    connecting.cancel(false);
  }
}
