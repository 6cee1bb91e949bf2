package org.dmmedge.edge.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * With AUTO_READ off, one socket read may end before the decoder has a whole message (a long
 * header block arriving in several packets); the flow-control handler then drops the pending
 * read and passes on read-complete. Sitting right after it, this sees every read the proxy
 * handler asks for and every message delivered, and asks again when a read ended without one.
 * Event-loop confined.
 */
final class ReadUntilMessageHandler extends ChannelDuplexHandler {
  private boolean wanting;

  @Override
  public void read(ChannelHandlerContext ctx) {
    wanting = true;
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    wanting = false;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (wanting && ctx.channel().isActive()) {
      ctx.read();
    }
    ctx.fireChannelReadComplete();
  }
}
