package org.dmmedge.edge.metrics;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.dmmedge.origin.BodyFlow;
import org.dmmedge.origin.OriginClient;
import org.dmmedge.origin.OriginException;
import org.dmmedge.origin.OriginExchange;
import org.dmmedge.origin.OriginRequest;
import org.dmmedge.origin.OriginResponseHandler;
import org.dmmedge.origin.OriginResponseHead;

/**
 * An {@link OriginClient} that counts what passes through it: bytes received, time from send
 * to response head, failures. Everything else is the wrapped client's. Thread-safe.
 */
public final class MeteredOriginClient implements OriginClient {
  private final OriginClient delegate;
  private final EdgeMetrics.OriginMeters meters;

  public MeteredOriginClient(OriginClient delegate, EdgeMetrics metrics) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.meters = metrics.originMeters();
  }

  @Override
  public OriginExchange send(OriginRequest request, OriginResponseHandler handler) {
    return delegate.send(request, new Metered(handler, System.nanoTime()));
  }

  @Override
  public void close() {
    delegate.close();
  }

  private final class Metered implements OriginResponseHandler {
    private final OriginResponseHandler handler;
    private final long sentNanos;

    Metered(OriginResponseHandler handler, long sentNanos) {
      this.handler = handler;
      this.sentNanos = sentNanos;
    }

    @Override
    public void onHead(OriginResponseHead head, BodyFlow flow) {
      meters.latency().record(System.nanoTime() - sentNanos, TimeUnit.NANOSECONDS);
      handler.onHead(head, flow);
    }

    @Override
    public void onBody(ByteBuffer chunk) {
      meters.bytes().increment(chunk.remaining());
      handler.onBody(chunk);
    }

    @Override
    public void onEnd() {
      handler.onEnd();
    }

    @Override
    public void onError(OriginException error) {
      meters.errors().increment();
      handler.onError(error);
    }
  }
}
