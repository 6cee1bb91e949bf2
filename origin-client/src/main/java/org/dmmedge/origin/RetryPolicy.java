package org.dmmedge.origin;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed origin request is tried again: only idempotent requests without a body, only
 * when the connect failed (so the origin never saw the request), at most {@code maxRetries}
 * times, after an exponential backoff with jitter (half to all of {@code base * 2^(n-1)}) so a
 * crowd of retries does not arrive at once.
 */
final class RetryPolicy {
  private final int maxRetries;
  private final Duration base;
  private final DoubleSupplier random;

  RetryPolicy(int maxRetries, Duration base, DoubleSupplier random) {
    this.maxRetries = maxRetries;
    this.base = base;
    this.random = random;
  }

  /**
   * The delay before retry number {@code retry} (1-based), or empty when the request must not be
   * retried.
   */
  Optional<Duration> delayBefore(int retry, OriginRequest request, Throwable cause) {
    if (retry > maxRetries || !request.idempotent() || request.body().isPresent()
        || !OriginFailures.isConnectFailure(cause)) {
      return Optional.empty();
    }
    long full = base.toNanos() << Math.min(retry - 1, 20);
    long jittered = (long) (full * (0.5 + 0.5 * random.getAsDouble()));
    return Optional.of(Duration.ofNanos(jittered));
  }
}
