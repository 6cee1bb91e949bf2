package org.dmmedge.origin;

/** The origin did not connect or answer within the configured time: a proxy answers 504. */
public final class OriginTimeoutException extends OriginException {
  public OriginTimeoutException(String reason, Throwable cause) {
    super(504, reason, cause);
  }
}
