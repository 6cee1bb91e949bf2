package org.dmmedge.origin;

/**
 * Credit-based flow control of one response body.
 *
 * <p>The origin client reads at most a window of bytes ahead of what the handler has released.
 * A handler that stores the body (a cache fill) releases each chunk at once; a handler that
 * relays it to a slow client releases a chunk when the client write has completed, so a slow
 * client slows the origin read instead of growing a buffer. Thread-safe; callable from any
 * thread.
 */
public interface BodyFlow {
  /** Returns {@code bytes} of credit: that many more body bytes may be read from the origin. */
  void release(int bytes);
}
