package org.dmmedge.edge.proxy;

/**
 * A failure that is itself the response to send: a status and a short reason. Stackless,
 * because these are expected outcomes of bad requests, not bugs.
 */
public final class HttpStatusException extends RuntimeException {
  private final int status;

  public HttpStatusException(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return getMessage();
  }
}
