package org.dmmedge.origin;

/**
 * An origin fetch that failed; knows the HTTP status a proxy answers with (502 or 504) and a
 * short reason fit for a response body and a log line.
 *
 * <p>Stackless: failures are expected events in a proxy (an origin down, a timeout) and are
 * logged once by whoever handles them, so stack traces only cost time.
 */
public abstract class OriginException extends RuntimeException {
  private final int status;

  OriginException(int status, String reason, Throwable cause) {
    super(reason, cause, false, false);
    this.status = status;
  }

  /** The status a proxy answers with when this failure happens before response headers. */
  public int status() {
    return status;
  }

  /** A short human reason, e.g. "connect refused: 127.0.0.1:8000". */
  public String reason() {
    return getMessage();
  }
}
