package org.dmmedge.edge.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.dmmedge.edge.proxy.HttpStatusException;

/**
 * Lets through only requests that are safe to act on; everything else becomes an exception
 * that the proxy handler answers through {@code ErrorResponses} (400/414/431) before closing
 * the connection, so a rejected request never reaches an origin or the cache.
 *
 * <p>Netty's decoder already fails: Content-Length with Transfer-Encoding, differing or
 * repeated Content-Length values, bad chunk sizes, bare LF line ends (strict parsing), too
 * long lines and header blocks. This guard names those failures and adds: obs-fold (marked by
 * {@link ObsFoldGuard}), a Transfer-Encoding other than exactly {@code chunked}, a missing or
 * repeated Host in HTTP/1.1 (RFC 9112 §3.2), and versions other than HTTP/1.0 and 1.1.
 * Sits after the flow-control handler, so it sees a pipelined request only when the previous
 * one has been answered.
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {
  private final DecoderPhase phase;
  private boolean rejected;

  RequestGuard(DecoderPhase phase) {
    this.phase = phase;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (rejected) {
      ReferenceCountUtil.release(msg); // the connection is closing; nothing more is read
      return;
    }
    HttpStatusException problem = msg instanceof HttpObject http ? check(http) : null;
    if (problem != null) {
      rejected = true;
      ReferenceCountUtil.release(msg);
      ctx.fireExceptionCaught(problem);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private HttpStatusException check(HttpObject msg) {
    DecoderResult result = msg.decoderResult();
    if (result.isFailure()) {
      return describe(result.cause(), msg instanceof HttpContent);
    }
    if (msg instanceof HttpRequest request) {
      return checkHead(request);
    }
    return null;
  }

  private HttpStatusException describe(Throwable cause, boolean inBody) {
    if (phase.foldSeen) {
      return new HttpStatusException(400, "obsolete line folding in a header field");
    }
    if (cause instanceof TooLongFrameException) {
      String m = String.valueOf(cause.getMessage());
      if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
        return new HttpStatusException(414, "request line too long");
      }
      if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
        return new HttpStatusException(431, "request header block too large");
      }
      return new HttpStatusException(400, "request too large: " + m);
    }
    String name = cause.getClass().getSimpleName();
    if (name.equals("ContentLengthNotAllowedException")) {
      return new HttpStatusException(400, "Content-Length together with Transfer-Encoding");
    }
    String m = String.valueOf(cause.getMessage());
    if (m.startsWith("Multiple Content-Length")) {
      return new HttpStatusException(400, "conflicting Content-Length values");
    }
    if (inBody) {
      return new HttpStatusException(400, "bad chunked body: " + m);
    }
    return new HttpStatusException(400, "malformed request: " + m);
  }

  private static HttpStatusException checkHead(HttpRequest request) {
    HttpVersion version = request.protocolVersion();
    if (version.majorVersion() != 1) {
      return new HttpStatusException(400, "unsupported version " + version.text());
    }
    List<String> te = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (!te.isEmpty() && !(te.size() == 1 && te.get(0).trim().equalsIgnoreCase("chunked"))) {
      return new HttpStatusException(400,
          "Transfer-Encoding: " + String.join(", ", te) + " (expected: chunked)");
    }
    List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
    if (hosts.size() > 1) {
      return new HttpStatusException(400, "more than one Host header");
    }
    if (hosts.isEmpty() && version.minorVersion() == 1) {
      return new HttpStatusException(400, "missing Host header");
    }
    return null;
  }
}
