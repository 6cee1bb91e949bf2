package org.dmmedge.edge.proxy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.dmmedge.origin.OriginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a cause into an HTTP error response: 400, 404, 405, 414, 431, 502,
 * 504 or 508 with a short plain-text reason, a {@code Cache-Status} saying why, and a log
 * line. Handlers never invent statuses;
 * they throw or pass a cause here.
 */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /** A status and the reason sent in the body. */
  public record Error(int status, String reason) {}

  /** What to answer for {@code cause}. */
  public static Error classify(Throwable cause) {
    if (cause instanceof HttpStatusException e) {
      return new Error(e.status(), e.reason());
    }
    if (cause instanceof OriginException e) {
      return new Error(e.status(), e.reason());
    }
    if (cause instanceof TooLongHttpLineException) {
      return new Error(414, "request line too long");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return new Error(431, "request header block too large");
    }
    if (cause instanceof TooLongFrameException) {
      return new Error(400, "request too large: " + cause.getMessage());
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getMessage();
    return new Error(400, "malformed request: " + message);
  }

  /**
   * The response for {@code cause}, logged once (client faults at debug, origin faults at
   * warn); the body is {@code "<status> <reason>\n"}. The caller owns the returned message.
   */
  public static FullHttpResponse response(Throwable cause, String nodeName, ByteBufAllocator alloc) {
    Error error = classify(cause);
    if (error.status() >= 500) {
      LOG.warn("{} {}", error.status(), error.reason());
    } else {
      LOG.debug("{} {}", error.status(), error.reason());
    }
    HttpResponseStatus status = HttpResponseStatus.valueOf(error.status());
    String text = error.status() + " " + error.reason() + "\n";
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        ByteBufUtil.writeUtf8(alloc, text));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
        .set("Cache-Status", nodeName + "; detail=" + detail(error.status()))
        .set("X-Served-By", nodeName);
    if (cause instanceof HttpStatusException e) {
      e.headers().forEach(response.headers()::set);
    }
    return response;
  }

  /**
   * The RFC 9211 §2.8 detail of an error answered by this node: the next hop (origin or
   * CONNECT target) failed (502) or timed out (504), or the node itself rejected the request
   * (bad input, loop). A cause may carry its own Cache-Status (only-if-cached).
   */
  private static String detail(int status) {
    return switch (status) {
      case 502 -> "origin-error";
      case 504 -> "origin-timeout";
      default -> "rejected";
    };
  }

  /** True for the I/O errors of a peer going away, which are logged at debug only. */
  public static boolean isExpected(Throwable cause) {
    if (cause instanceof ClosedChannelException) {
      return true;
    }
    if (cause instanceof IOException && cause.getMessage() != null) {
      String m = cause.getMessage();
      return m.contains("Connection reset") || m.contains("Broken pipe")
          || m.contains("connection reset") || m.contains("broken pipe");
    }
    return false;
  }
}
