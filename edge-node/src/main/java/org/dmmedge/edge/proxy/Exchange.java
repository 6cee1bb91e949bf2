package org.dmmedge.edge.proxy;

import io.netty.handler.codec.http.HttpContent;

/**
 * One client request being answered (a pass-through, a cache hit, a fill). Event-loop
 * confined; {@link ProxyHandler} drives it.
 */
interface Exchange {
  /** A part of the request body (owned by the exchange from here on). */
  void content(HttpContent content);

  /** Something failed on the client side or in the pipeline. */
  void fail(Throwable cause);

  /** The client connection closed; give up and let go of everything. */
  void clientClosed();

  /** The client channel's writability changed (resume writing when writable). */
  default void writabilityChanged() {}
}
