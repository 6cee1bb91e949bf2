package org.dmmedge.origin;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One origin request through its attempts: the first try, then retries the
 * {@link RetryPolicy} allows after a failed connect, each started by
 * {@link HttpClient5OriginClient}. The handler hears one {@code onHead} at most and one terminal
 * event. Thread-safe: attempts start on the caller's or the retry scheduler's thread and report
 * on the I/O thread; {@link #cancel()} may come from anywhere.
 */
final class Exchange implements OriginExchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

  private final HttpClient5OriginClient client;
  private final OriginRequest request;
  private final OriginResponseHandler handler;
  private int retries;
  private volatile boolean cancelled;
  private volatile Future<?> running;

  Exchange(HttpClient5OriginClient client, OriginRequest request, OriginResponseHandler handler) {
    this.client = client;
    this.request = request;
    this.handler = handler;
  }

  OriginResponseHandler handler() {
    return handler;
  }

  OriginRequest request() {
    return request;
  }

  void start() {
    if (cancelled) {
      handler.onError(OriginFailures.classify(
          new java.util.concurrent.CancellationException(), request.target()));
      return;
    }
    running = client.execute(this, new Attempt(this));
  }

  void attemptFailed(Exception cause, boolean headSeen) {
    if (!headSeen && !cancelled) {
      Optional<Duration> delay = client.retryPolicy().delayBefore(retries + 1, request, cause);
      if (delay.isPresent()) {
        retries++;
        LOG.debug("retry {} of {} {} in {} after {}", retries, request.method(),
            request.target(), delay.get(), cause.toString());
        client.schedule(this::start, delay.get());
        return;
      }
    }
    handler.onError(OriginFailures.classify(cause, request.target()));
  }

  @Override
  public void cancel() {
    cancelled = true;
    Future<?> f = running;
    if (f != null) {
      f.cancel(true);
    }
  }
}
