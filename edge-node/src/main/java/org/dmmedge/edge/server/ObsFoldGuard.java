package org.dmmedge.edge.server;

import io.netty.buffer.ByteBuf;
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
 * <p>State survives across reads (a header block may arrive in several packets). Event-loop
 * confined.
 */
final class ObsFoldGuard extends ChannelInboundHandlerAdapter {
  static final byte FOLD_MARK = 0x01;

  private final DecoderPhase phase;
  private boolean atLineStart = true;
  private boolean lineEmpty = true;
  private boolean firstLine = true;

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
        int end = switch (phase.kind) {
          case HEADERS -> scanHeaders(in);
          case FIXED_BODY -> fixedBodyEnd(in);
          case CHUNKED_BODY -> lineEnd(in);
        };
        int length = end - in.readerIndex();
        ByteBuf piece = in.retainedSlice(in.readerIndex(), length);
        in.skipBytes(length);
        ctx.fireChannelRead(piece);
      }
    } finally {
      in.release();
    }
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
