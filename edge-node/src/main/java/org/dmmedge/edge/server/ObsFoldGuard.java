package org.dmmedge.edge.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Rejects obsolete line folding (RFC 9112 §5.2: a header line that starts with a space or tab)
 * which Netty's decoder would otherwise join into the previous field's value.
 *
 * <p>Sits before the request decoder and feeds it in pieces so that it always knows whether
 * the next bytes belong to a header block: a header block is passed up to its empty line (the
 * decoder then emits the request synchronously and {@link DecoderPhaseTracker} records whether
 * a body follows), a fixed-length body by its remaining length, a chunked body line by line.
 * Only header blocks are scanned. A fold's leading whitespace is overwritten with a byte that
 * is illegal in a field name, so the decoder fails exactly that request, in order with any
 * pipelined requests before it; {@link RequestGuard} then answers 400 and closes.
 *
 * <p>After a CONNECT head nothing more reaches the decoder: the bytes that follow (a TLS
 * ClientHello often comes in the same packet) are held until the CONNECT is answered, then
 * handed to the tunnel when this guard leaves the pipeline, or released when the connection
 * closes.
 *
 * <p>State survives across reads (a header block may arrive in several packets). Event-loop
 * confined.
 */
final class ObsFoldGuard extends ChannelInboundHandlerAdapter {
  static final byte FOLD_MARK = 0x01;

  private final DecoderPhase phase;
  private boolean atLineStart = true;
  private boolean lineEmpty = true;
  private boolean firstLine = true;
  /** What the client sent after a CONNECT head; null until then. */
  private CompositeByteBuf held;

  ObsFoldGuard(DecoderPhase phase) {
    this.phase = phase;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      while (in.isReadable() && ctx.channel().isActive()) {
        switch (phase.kind) {
          case HEADERS -> pass(ctx, in, scanHeaders(in));
          case FIXED_BODY -> pass(ctx, in, fixedBodyEnd(in));
          case CHUNKED_BODY -> pass(ctx, in, lineEnd(in));
          case TUNNEL -> hold(ctx, in);
        }
      }
    } finally {
      in.release();
    }
  }

  /** Hands the decoder the bytes of {@code in} up to {@code end}. */
  private static void pass(ChannelHandlerContext ctx, ByteBuf in, int end) {
    int length = end - in.readerIndex();
    ByteBuf piece = in.retainedSlice(in.readerIndex(), length);
    in.skipBytes(length);
    ctx.fireChannelRead(piece);
  }

  /** Keeps the bytes after a CONNECT head, in order, for the tunnel. */
  private void hold(ChannelHandlerContext ctx, ByteBuf in) {
    if (held == null) {
      held = ctx.alloc().compositeBuffer();
    }
    held.addComponent(true, in.readRetainedSlice(in.readableBytes()));
  }

  /** Leaving the pipeline (the tunnel took over): the held bytes go to the next handler. */
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    CompositeByteBuf bytes = held;
    held = null;
    if (bytes == null) {
      return;
    }
    if (bytes.isReadable() && ctx.channel().isActive()) {
      ctx.fireChannelRead(bytes);
      ctx.fireChannelReadComplete();
    } else {
      bytes.release();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (held != null) {
      held.release();
      held = null;
    }
    ctx.fireChannelInactive();
  }

  /** Scans a header block; returns the index after its empty line, or the buffer's end. */
  private int scanHeaders(ByteBuf in) {
    for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
      byte b = in.getByte(i);
      if (atLineStart && !firstLine && (b == ' ' || b == '\t')) {
        in.setByte(i, FOLD_MARK);
        phase.foldSeen = true;
        b = FOLD_MARK;
      }
      if (b == '\n') {
        boolean blockEnds = lineEmpty && !firstLine;
        boolean leadingEmptyLine = lineEmpty && firstLine;
        atLineStart = true;
        lineEmpty = true;
        if (!leadingEmptyLine) {
          firstLine = false;
        }
        if (blockEnds) {
          firstLine = true;
          return i + 1;
        }
      } else {
        atLineStart = false;
        if (b != '\r') {
          lineEmpty = false;
        }
      }
    }
    return in.writerIndex();
  }

  private int fixedBodyEnd(ByteBuf in) {
    int n = (int) Math.min(in.readableBytes(), phase.remaining);
    phase.remaining -= n;
    if (phase.remaining == 0) {
      phase.kind = DecoderPhase.Kind.HEADERS; // the decoder emits the last content now
    }
    return in.readerIndex() + n;
  }

  private static int lineEnd(ByteBuf in) {
    int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
    return lf < 0 ? in.writerIndex() : lf + 1;
  }
}
