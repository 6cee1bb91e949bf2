package org.dmmedge.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty handler behind {@link OriginServerExtension}: records each request, then plays the
 * scripted {@link OriginReply}. Runs on Jetty's worker threads, so it may block (delays, gates).
 */
final class ScriptedHandler extends Handler.Abstract {
  private static final long GATE_TIMEOUT_SECONDS = 30;
  /** RFC 9110 §5.6.7 IMF-fixdate (two-digit day, unlike Java's RFC_1123 formatter). */
  static final java.time.format.DateTimeFormatter IMF_FIXDATE = java.time.format.DateTimeFormatter
      .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH)
      .withZone(java.time.ZoneOffset.UTC);

  private final Map<String, Function<RecordedRequest, OriginReply>> routes;
  private final RequestLog log;
  private final java.util.function.Supplier<java.time.Clock> clock;

  ScriptedHandler(Map<String, Function<RecordedRequest, OriginReply>> routes, RequestLog log,
      java.util.function.Supplier<java.time.Clock> clock) {
    this.routes = routes;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    RecordedRequest recorded = record(request);
    log.add(recorded);
    Function<RecordedRequest, OriginReply> script = routes.get(recorded.path());
    OriginReply reply = script == null ? OriginReply.status(404) : script.apply(recorded);
    if (!reply.headDelay().isZero()) {
      Thread.sleep(reply.headDelay().toMillis());
    }
    response.setStatus(reply.status());
    for (Map.Entry<String, String> h : reply.headers()) {
      response.getHeaders().add(h.getKey(), h.getValue());
    }
    if (!response.getHeaders().contains(HttpHeader.DATE)) {
      response.getHeaders().put(HttpHeader.DATE, IMF_FIXDATE.format(clock.get().instant()));
    }
    boolean noBody =
        request.getMethod().equals("HEAD") || reply.status() == 204 || reply.status() == 304;
    if (!reply.chunked() && !response.getHeaders().contains(HttpHeader.CONTENT_LENGTH)
        && reply.status() != 204 && reply.status() != 304) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    }
    if (noBody) {
      response.write(true, ByteBuffer.allocate(0), callback);
      return true;
    }
    writeBody(request, response, reply);
    response.write(true, ByteBuffer.allocate(0), callback);
    return true;
  }

  private static void writeBody(Request request, Response response, OriginReply reply)
      throws IOException, InterruptedException {
    byte[] body = reply.body();
    int offset = 0;
    while (offset < body.length) {
      int end = Math.min(body.length, offset + reply.chunkBytes());
      end = stopAt(end, offset, reply.pauseAtBytes());
      end = stopAt(end, offset, reply.resetAtBytes());
      if (end > offset) {
        try (Blocker.Callback written = Blocker.callback()) {
          response.write(false, ByteBuffer.wrap(body, offset, end - offset), written);
          written.block();
        }
        offset = end;
      }
      if (offset == reply.resetAtBytes()) {
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        throw new IOException("scripted reset after " + offset + " bytes");
      }
      if (offset == reply.pauseAtBytes()
          && !reply.gate().await(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("scripted gate not opened within " + GATE_TIMEOUT_SECONDS + " s");
      }
    }
  }

  /** Cuts a write short so it ends exactly at {@code mark} when the mark lies inside it. */
  private static int stopAt(int end, int offset, long mark) {
    return mark > offset && mark < end ? (int) mark : end;
  }

  private static RecordedRequest record(Request request) throws IOException {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (HttpField field : request.getHeaders()) {
      headers.add(Map.entry(field.getName(), field.getValue()));
    }
    ByteBuffer body = Content.Source.asByteBuffer(request);
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    String query = request.getHttpURI().getQuery();
    return new RecordedRequest(
        request.getMethod(), request.getHttpURI().getPath(), query == null ? "" : query, headers,
        bytes);
  }
}
