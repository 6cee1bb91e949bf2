package org.dmmedge.edge.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The client pipeline's response encoder: Netty's {@link HttpResponseEncoder} for responses
 * given as {@code HttpResponse} objects, and a pass-through for responses whose head comes
 * already encoded as a {@link WireHead} (cache hits): their head bytes, then their body parts
 * unframed, until the response's {@link LastHttpContent}, which ends it. The encoder's own
 * state is untouched by such a response, so the next one may take either form (keep-alive,
 * pipelining). One instance per connection (it keeps the current response's form).
 */
final class EdgeResponseEncoder extends HttpResponseEncoder {
  /** Whether the current response's head went out as a {@link WireHead}. */
  private boolean wire;

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof WireHead head) {
      wire = true;
      ctx.write(head.content(), promise);
    } else if (!wire) {
      super.write(ctx, msg, promise);
    } else if (msg instanceof HttpContent content) {
      wire = !(content instanceof LastHttpContent);
      ctx.write(content.content(), promise); // the holder's only reference travels on
    } else {
      ctx.write(msg, promise); // a ByteBuf or FileRegion of the body
    }
  }
}
