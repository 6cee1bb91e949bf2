package org.dmmedge.edge.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Sits right after the request decoder and tells {@link DecoderPhase} what the decoder just
 * finished: a request head (a body follows, of known length or chunked), a whole request (the
 * next bytes are a header block) or a CONNECT head (the next bytes are no HTTP). Passes every
 * message on untouched.
 */
final class DecoderPhaseTracker extends ChannelInboundHandlerAdapter {
  private final DecoderPhase phase;

  DecoderPhaseTracker(DecoderPhase phase) {
    this.phase = phase;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
      if (request.method().equals(HttpMethod.CONNECT)) {
        phase.kind = DecoderPhase.Kind.TUNNEL;
      } else if (HttpUtil.isTransferEncodingChunked(request)) {
        phase.kind = DecoderPhase.Kind.CHUNKED_BODY;
      } else {
        long length = HttpUtil.getContentLength(request, 0L);
        phase.kind = length > 0 ? DecoderPhase.Kind.FIXED_BODY : DecoderPhase.Kind.HEADERS;
        phase.remaining = length;
      }
    }
    if (msg instanceof LastHttpContent && phase.kind != DecoderPhase.Kind.TUNNEL) {
      phase.kind = DecoderPhase.Kind.HEADERS;
    }
    ctx.fireChannelRead(msg);
  }
}
