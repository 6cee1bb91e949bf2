package org.dmmedge.edge.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import org.dmmedge.cache.range.ByteRange;
import org.dmmedge.edge.proxy.ResponseHeads.CacheResult;
import org.dmmedge.edge.server.WireHead;

/**
 * The response to one client request, written in order: head, body chunks, end. Decides
 * keep-alive and framing, counts what was sent for the access log, and ends the exchange with
 * the connection either ready for the next request or closed.
 *
 * <p>Failure rule: before the head went out, a failure becomes an error response (through
 * {@link ErrorResponses}) and the connection closes; after it, the connection closes at once,
 * so a client never mistakes a cut body for a complete one. Event-loop confined.
 */
final class ClientResponse {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      ClientResponse.class);
  private static final String CLOSE = HttpHeaderValues.CLOSE.toString();
  private static final String KEEP_ALIVE = HttpHeaderValues.KEEP_ALIVE.toString();

  /** Told when the response is over: {@code keepAlive} says whether to read the next request. */
  interface Done {
    void responseDone(boolean keepAlive);
  }

  private final ChannelHandlerContext ctx;
  private final HttpRequest request;
  private final ProxyServices services;
  private final Done done;
  private final boolean head;
  private boolean keepAlive;
  private boolean headSent;
  private boolean finished;
  private boolean bodyExpected;
  private RequestTap.Answered answered = RequestTap.Answered.NONE;
  private int status;
  private String cacheResult = "NONE";
  private long bytes;
  private final long startNanos = System.nanoTime();

  ClientResponse(ChannelHandlerContext ctx, HttpRequest request, ProxyServices services,
      Done done) {
    this.ctx = ctx;
    this.request = request;
    this.services = services;
    this.done = done;
    this.head = request.method().equals(HttpMethod.HEAD);
    this.keepAlive = HttpUtil.isKeepAlive(request);
  }

  /** Who is told the response head just before it is written (the {@link RequestTap}). */
  void onAnswer(RequestTap.Answered listener) {
    answered = listener;
  }

  boolean headSent() {
    return headSent;
  }

  boolean finished() {
    return finished;
  }

  boolean isHeadRequest() {
    return head;
  }

  /** Stops keep-alive after this response (e.g. the request body was not fully read). */
  void closeAfter() {
    keepAlive = false;
  }

  /**
   * Sends the head. The caller has set end-to-end headers; this sets framing and connection
   * headers: a body without Content-Length is chunked for HTTP/1.1 clients and delimited by
   * closing for HTTP/1.0 ones.
   */
  void sendHead(HttpResponse response) {
    HttpHeaders h = response.headers();
    int code = response.status().code();
    bodyExpected = !head && code >= 200 && code != 204 && code != 304;
    if (bodyExpected && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
        keepAlive = false;
      } else {
        h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      }
    }
    String connection = connection();
    if (connection != null) {
      h.set(HttpHeaderNames.CONNECTION, connection);
    }
    headGoes(code, h.get("X-Cache", "NONE"), h.get(HttpHeaderNames.CONTENT_TYPE, ""));
    ctx.write(response);
  }

  /**
   * Sends the head of a stored response from its wire form ({@link HitHead}), with the framing
   * of a body of known length; the body follows through {@link #sendBodyNoFlush}.
   *
   * @param range the range answered (206), or empty for the whole body
   * @param bodyLength the length of the whole stored body
   * @param cacheStatus this node's Cache-Status member
   */
  void sendHead(HitHead hit, Optional<ByteRange> range, long bodyLength, long ageSeconds,
      CacheResult result, String cacheStatus) {
    int code = range.isPresent() ? 206 : hit.status();
    bodyExpected = !head && code >= 200 && code != 204 && code != 304;
    ByteBuf bytes = hit.encode(ctx.alloc(), range, bodyLength, ageSeconds, result, cacheStatus,
        connection());
    headGoes(code, result.name(), hit.contentType());
    ctx.write(new WireHead(bytes));
  }

  /** The Connection value a head must carry, or null: close, or keep-alive for HTTP/1.0. */
  private String connection() {
    if (!keepAlive) {
      return CLOSE;
    }
    return request.protocolVersion().equals(HttpVersion.HTTP_1_0) ? KEEP_ALIVE : null;
  }

  /** Records what the head says and tells the tap, just before the head is written. */
  private void headGoes(int code, String xCache, String contentType) {
    status = code;
    cacheResult = xCache;
    headSent = true;
    answered.answered(code, xCache, contentType); // nothing the client sees can come earlier
  }

  /** Writes body bytes (ownership passes to the write); the future says when they left. */
  ChannelFuture sendBody(ByteBuf chunk) {
    if (!bodyExpected || finished) {
      chunk.release();
      return ctx.newSucceededFuture();
    }
    bytes += chunk.readableBytes();
    return ctx.writeAndFlush(new DefaultHttpContent(chunk));
  }

  /** Writes body bytes without flushing (several chunks, then one flush). */
  void sendBodyNoFlush(Object message, long length) {
    if (!bodyExpected || finished) {
      ReferenceCountUtil.release(message);
      return;
    }
    bytes += length;
    ctx.write(message);
  }

  /** Ends a response whose head and body went out. */
  void finish() {
    if (finished) {
      return;
    }
    finished = true;
    ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    log();
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
    done.responseDone(keepAlive);
  }

  /** Sends a complete response in one go. */
  void sendFull(FullHttpResponse response) {
    ChannelFuture f;
    if (head) {
      // A HEAD response carries the headers of the GET one and no body (RFC 9110 §9.3.2).
      HttpResponse bare = new io.netty.handler.codec.http.DefaultHttpResponse(
          response.protocolVersion(), response.status(), response.headers());
      response.release();
      sendHead(bare);
      finished = true;
      f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    } else {
      sendHead(response); // a FullHttpResponse carries its body and end
      bytes = response.content().readableBytes();
      finished = true;
      f = ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER);
    }
    log();
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
    done.responseDone(keepAlive);
  }

  /** Fails the exchange: an error response when nothing was sent yet, else a closed connection. */
  void fail(Throwable cause) {
    if (finished) {
      return;
    }
    if (!headSent) {
      keepAlive = false;
      sendFull(ErrorResponses.response(cause, services.nodeName(), ctx.alloc()));
      return;
    }
    finished = true;
    keepAlive = false;
    if (ErrorResponses.isExpected(cause)) {
      LOG.debug("closing {} mid-response: {}", ctx.channel(), cause.toString());
    } else {
      LOG.warn("closing {} mid-response after {} bytes: {}", ctx.channel(), bytes,
          cause.toString());
    }
    log();
    ctx.flush();
    ctx.close();
    done.responseDone(false);
  }

  private void log() {
    services.accessLog().log(ctx.channel().remoteAddress(), request, status, bytes, cacheResult,
        System.nanoTime() - startNanos);
  }
}
