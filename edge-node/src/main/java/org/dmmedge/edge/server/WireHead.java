package org.dmmedge.edge.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A response head already in HTTP/1.1 wire form: status line, fields and the empty line. The
 * client pipeline's encoder writes it as it is, and passes the body parts that follow (a
 * {@code ByteBuf}, {@code HttpContent} or {@code FileRegion}) unframed until the response's
 * {@code LastHttpContent}; so the body must be exactly what the head's framing
 * ({@code Content-Length}) announces. Owns its buffer until written.
 */
public final class WireHead extends DefaultByteBufHolder {
  /** @param bytes the encoded head; ownership passes to this message */
  public WireHead(ByteBuf bytes) {
    super(bytes);
  }
}
