package org.dmmedge.origin;

/**
 * Fetches from origin servers, streaming each response to an {@link OriginResponseHandler}.
 *
 * <p>Thread-safe. Implementations pool connections per origin and keep them alive; failures
 * reach the handler as an {@link OriginException} that knows its proxy status.
 */
public interface OriginClient extends AutoCloseable {
  /** Starts {@code request}; the handler hears how it goes. Never blocks. */
  OriginExchange send(OriginRequest request, OriginResponseHandler handler);

  /** Closes every pooled connection; running exchanges fail. */
  @Override
  void close();
}
