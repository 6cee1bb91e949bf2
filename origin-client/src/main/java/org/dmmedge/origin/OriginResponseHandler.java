package org.dmmedge.origin;

import java.nio.ByteBuffer;

/**
 * Receives one origin response as it streams in: the head, then body chunks, then the end or
 * an error.
 *
 * <p>Callbacks come one at a time from the origin client's I/O thread, in order: either
 * {@code onHead} then any number of {@code onBody} then exactly one of {@code onEnd} or
 * {@code onError}, or {@code onError} alone. They must not block; work that needs another
 * thread (a Netty channel) is handed over. A handler that throws fails the exchange.
 */
public interface OriginResponseHandler {
  /** The response head has arrived; {@code flow} is how body bytes are acknowledged. */
  void onHead(OriginResponseHead head, BodyFlow flow);

  /**
   * A chunk of the body. The buffer is only valid during the call: copy what you keep. Every
   * byte must eventually be given back through {@link BodyFlow#release(int)}.
   */
  void onBody(ByteBuffer chunk);

  /** The body is complete (all bytes the origin framed have arrived). */
  void onEnd();

  /** The exchange failed; when it follows {@code onHead} the body is incomplete. */
  void onError(OriginException error);
}
