package org.dmmedge.origin;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Streams one HttpClient 5 response to an {@link Attempt}, never holding the body: each chunk
 * is passed on during {@code consume} and acknowledged later through {@link BodyFlow}.
 *
 * <p>Flow control: HttpClient reads a window of bytes ahead (64 KiB by default) and then asks
 * for more capacity through {@link #updateCapacity}. Capacity is exactly what the handler has
 * released: credit that arrives before HttpClient hands over its {@link CapacityChannel} is
 * kept and granted when it does. {@code consume}, {@code updateCapacity} and {@code streamEnd}
 * run on the I/O thread; {@link #release} may come from any thread.
 */
final class StreamingResponseConsumer implements AsyncResponseConsumer<Void>, BodyFlow {
  private final Attempt attempt;
  private FutureCallback<Void> result;
  private CapacityChannel capacity;
  private long credit;

  StreamingResponseConsumer(Attempt attempt) {
    this.attempt = attempt;
  }

  @Override
  public void consumeResponse(
      HttpResponse response, EntityDetails entity, HttpContext context,
      FutureCallback<Void> resultCallback) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Header h : response.getHeaders()) {
      headers.add(Map.entry(h.getName(), h.getValue()));
    }
    String protocol = response.getVersion() == null ? "HTTP/1.1" : response.getVersion().format();
    attempt.head(new OriginResponseHead(response.getCode(), protocol, headers, entity != null), this);
    if (entity == null) {
      attempt.end();
      resultCallback.completed(null);
    } else {
      result = resultCallback;
    }
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context) {
    // 1xx interim responses are not relayed; the final response follows.
  }

  @Override
  public void updateCapacity(CapacityChannel channel) throws java.io.IOException {
    int grant;
    synchronized (this) {
      capacity = channel;
      grant = (int) Math.min(Integer.MAX_VALUE, credit);
      credit -= grant;
    }
    if (grant > 0) {
      channel.update(grant);
    }
  }

  @Override
  public void release(int bytes) {
    if (bytes <= 0) {
      return;
    }
    CapacityChannel channel;
    synchronized (this) {
      channel = capacity;
      if (channel == null) {
        credit += bytes;
        return;
      }
    }
    try {
      channel.update(bytes);
    } catch (java.io.IOException e) {
      attempt.fail(e); // the connection is gone; the exchange fails through the usual path
    }
  }

  @Override
  public void consume(ByteBuffer src) {
    attempt.body(src);
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    attempt.end();
    if (result != null) {
      result.completed(null);
    }
  }

  @Override
  public void failed(Exception cause) {
    attempt.fail(cause);
  }

  @Override
  public void releaseResources() {
    // Nothing held: the body never stays here.
  }
}
