package org.dmmedge.origin;

/** No connection to the origin (refused, unreachable, unknown host): a proxy answers 502. */
public final class OriginConnectException extends OriginException {
  public OriginConnectException(String reason, Throwable cause) {
    super(502, reason, cause);
  }
}
