package org.dmmedge.edge.proxy;

import java.util.Map;

/**
 * A failure that is itself the response to send: a status, a short reason and any header the
 * status calls for (such as {@code Allow} on a 405). Stackless, because these are expected
 * outcomes of bad requests, not bugs.
 */
public final class HttpStatusException extends RuntimeException {
  private final int status;
  private final Map<String, String> headers;

  public HttpStatusException(int status, String reason) {
    this(status, reason, Map.of());
  }

  /** @param headers header fields the error response carries besides the usual ones */
  public HttpStatusException(int status, String reason, Map<String, String> headers) {
    super(reason, null, false, false);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return getMessage();
  }

  /** Header fields the error response carries besides the usual ones; usually none. */
  public Map<String, String> headers() {
    return headers;
  }
}
