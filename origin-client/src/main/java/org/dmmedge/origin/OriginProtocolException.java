package org.dmmedge.origin;

/**
 * The origin broke the exchange (reset, closed early, malformed response, bad chunking):
 * a proxy answers 502 before headers, and closes the client connection after.
 */
public final class OriginProtocolException extends OriginException {
  public OriginProtocolException(String reason, Throwable cause) {
    super(502, reason, cause);
  }
}
