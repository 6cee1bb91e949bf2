package org.dmmedge.edge.proxy;

/**
 * Told about every answered client request (metrics). Called on the connection's event loop:
 * must be cheap and never block.
 */
public interface RequestObserver {
  /** Observes nothing. */
  RequestObserver NONE = (status, cacheResult, bytes, durationNanos) -> { };

  /**
   * @param status the status sent (502 when the connection was cut after the head)
   * @param cacheResult the {@code X-Cache} value sent ({@code HIT}, {@code MISS}, ...), or
   *     {@code NONE} for answers that did not involve the cache (errors)
   * @param bytes body bytes sent
   * @param durationNanos from the request's head to the end of the response
   */
  void completed(int status, String cacheResult, long bytes, long durationNanos);
}
