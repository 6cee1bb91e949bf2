package org.dmmedge.edge.proxy;

/**
 * Told about every answered client request and every CONNECT tunnel (metrics). Called on the
 * connection's event loop: must be cheap and never block.
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

  /**
   * A CONNECT tunnel ended (its 200 is counted here, not in {@link #completed}; refused
   * CONNECT requests are ordinary completed requests).
   *
   * @param bytesFromClient bytes relayed from the client to the destination
   * @param bytesToClient bytes relayed from the destination to the client
   * @param durationNanos from the 200 to the end of the tunnel
   */
  default void tunnelled(long bytesFromClient, long bytesToClient, long durationNanos) {}
}
