package org.dmmedge.origin;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CancellationException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.RequestNotExecutedException;

/** Turns whatever HttpClient 5 failed with into one of the three {@link OriginException}s. */
final class OriginFailures {
  private OriginFailures() {}

  static OriginException classify(Throwable cause, OriginTarget target) {
    if (cause instanceof OriginException known) {
      return known;
    }
    String where = target.authority();
    if (cause instanceof ConnectTimeoutException) {
      return new OriginTimeoutException("connect timeout: " + where, cause);
    }
    if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
      return new OriginTimeoutException("response timeout: " + where, cause);
    }
    if (isConnectFailure(cause)) {
      return new OriginConnectException(
          "connect failed: " + where + " (" + simpleMessage(cause) + ")", cause);
    }
    if (cause instanceof CancellationException) {
      return new OriginProtocolException("fetch cancelled: " + where, cause);
    }
    return new OriginProtocolException(
        "bad response from " + where + " (" + simpleMessage(cause) + ")", cause);
  }

  /**
   * True when nothing reached the origin, so a retry is safe: no connection was made, or a
   * pooled keep-alive connection turned out closed before the request went out on it.
   */
  static boolean isConnectFailure(Throwable cause) {
    return cause instanceof ConnectException
        || cause instanceof RequestNotExecutedException
        || cause instanceof ConnectTimeoutException
        || cause instanceof NoRouteToHostException
        || cause instanceof UnknownHostException;
  }

  private static String simpleMessage(Throwable cause) {
    String message = cause.getMessage();
    String name = cause.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }
}
