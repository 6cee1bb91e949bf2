package org.dmmedge.origin;

/** A running origin fetch. */
public interface OriginExchange {
  /**
   * Abandons the fetch and its connection; the handler then gets {@code onError} unless the
   * exchange had already ended. Idempotent, callable from any thread.
   */
  void cancel();
}
