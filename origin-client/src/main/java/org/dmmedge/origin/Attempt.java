package org.dmmedge.origin;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * One try of an {@link Exchange}: relays the consumer's events and makes sure the exchange
 * hears of the attempt's end exactly once (HttpClient may report a failure both to the consumer
 * and to the result callback).
 */
final class Attempt implements FutureCallback<Void> {
  private final Exchange exchange;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean headSeen;

  Attempt(Exchange exchange) {
    this.exchange = exchange;
  }

  void head(OriginResponseHead head, BodyFlow flow) {
    headSeen = true;
    exchange.handler().onHead(head, flow);
  }

  void body(ByteBuffer chunk) {
    exchange.handler().onBody(chunk);
  }

  void end() {
    if (finished.compareAndSet(false, true)) {
      exchange.handler().onEnd();
    }
  }

  void fail(Exception cause) {
    if (finished.compareAndSet(false, true)) {
      exchange.attemptFailed(cause, headSeen);
    }
  }

  @Override
  public void completed(Void ignored) {
    // end() already told the handler.
  }

  @Override
  public void failed(Exception cause) {
    fail(cause);
  }

  @Override
  public void cancelled() {
    fail(new java.util.concurrent.CancellationException("cancelled"));
  }
}
