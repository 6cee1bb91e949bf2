package org.dmmedge.edge.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import org.dmmedge.origin.BodyFlow;
import org.dmmedge.origin.OriginException;
import org.dmmedge.origin.OriginResponseHandler;
import org.dmmedge.origin.OriginResponseHead;

/**
 * Relays an origin response that is not stored (a pass-through) to one client.
 *
 * <p>Origin callbacks arrive on the origin client's I/O thread; each one is handed to the
 * client channel's event loop in order. A body chunk is copied once into a pooled buffer, and
 * its credit goes back to the origin only when the client write has completed, so a slow
 * client slows the origin read instead of filling memory.
 */
final class OriginRelay implements OriginResponseHandler {
  /** What the relay tells the exchange, always on the event loop. */
  interface Target {
    void originHead(OriginResponseHead head);

    void originBody(ByteBuf chunk, Runnable written);

    void originEnd();

    void originFailed(OriginException error);
  }

  private final ChannelHandlerContext ctx;
  private final Target target;
  private BodyFlow flow;

  OriginRelay(ChannelHandlerContext ctx, Target target) {
    this.ctx = ctx;
    this.target = target;
  }

  @Override
  public void onHead(OriginResponseHead head, BodyFlow bodyFlow) {
    this.flow = bodyFlow;
    run(() -> target.originHead(head));
  }

  @Override
  public void onBody(ByteBuffer chunk) {
    int n = chunk.remaining();
    ByteBuf copy = ctx.alloc().directBuffer(n);
    copy.writeBytes(chunk);
    BodyFlow credit = flow;
    try {
      ctx.executor().execute(() -> target.originBody(copy, () -> credit.release(n)));
    } catch (RejectedExecutionException e) {
      copy.release(); // the node is shutting down
    }
  }

  @Override
  public void onEnd() {
    run(target::originEnd);
  }

  @Override
  public void onError(OriginException error) {
    run(() -> target.originFailed(error));
  }

  private void run(Runnable task) {
    try {
      ctx.executor().execute(task);
    } catch (RejectedExecutionException e) {
      // The node is shutting down; the channel closes with it.
    }
  }
}
