package org.dmmedge.edge.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import org.dmmedge.edge.proxy.ErrorResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of one side of a {@link Tunnel}: hands it every read, read end,
 * writability change, FIN, idle timeout, close and error of that side. One per channel.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

  private final Tunnel tunnel;
  private final boolean clientSide;

  RelayHandler(Tunnel tunnel, boolean clientSide) {
    this.tunnel = tunnel;
    this.clientSide = clientSide;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    tunnel.relay(clientSide, msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    tunnel.readComplete(clientSide);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    tunnel.writabilityChanged(clientSide);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      tunnel.inputShutdown(clientSide);
    } else if (evt instanceof IdleStateEvent) {
      LOG.debug("closing idle tunnel {}", ctx.channel());
      tunnel.close();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    tunnel.closed(clientSide);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (ErrorResponses.isExpected(cause)) {
      LOG.debug("tunnel {} failed: {}", ctx.channel(), cause.toString());
    } else {
      LOG.warn("tunnel {} failed", ctx.channel(), cause);
    }
    tunnel.close();
  }
}
