package org.dmmedge.edge.fill;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.dmmedge.origin.BodyFlow;

/**
 * A bandwidth cap shared by the fills of one job: a token bucket in bytes whose credit is
 * given back to the origin ({@link BodyFlow#release}) no faster than the rate, so the origin
 * client stops reading when the job is over its budget (the bytes wait at the origin, not in
 * memory). The bucket holds at most one second of credit.
 *
 * <p>Thread-safe: {@link #throttle} wrappers are called from origin I/O threads; delayed
 * releases run on the given scheduler.
 */
public final class Bandwidth {
  private final long bytesPerSecond;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService scheduler;
  private long available;
  private long lastRefill;

  /**
   * @param bytesPerSecond the cap, at least 1
   * @param nanoTime a monotonic nanosecond ticker ({@code System::nanoTime})
   * @param scheduler runs delayed credit releases
   */
  public Bandwidth(long bytesPerSecond, LongSupplier nanoTime, ScheduledExecutorService scheduler) {
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException(
          "bytesPerSecond: " + bytesPerSecond + " (expected: >= 1)");
    }
    this.bytesPerSecond = bytesPerSecond;
    this.nanoTime = nanoTime;
    this.scheduler = scheduler;
    this.lastRefill = nanoTime.getAsLong();
    this.available = bytesPerSecond;
  }

  /** A flow whose releases are paced by this cap before reaching {@code flow}. */
  BodyFlow throttle(BodyFlow flow) {
    return bytes -> {
      long waitNanos = take(bytes);
      if (waitNanos <= 0) {
        flow.release(bytes);
      } else {
        scheduler.schedule(() -> flow.release(bytes), waitNanos, TimeUnit.NANOSECONDS);
      }
    };
  }

  /** Takes {@code bytes} of credit (going into debt); returns how long until it is covered. */
  private synchronized long take(int bytes) {
    long now = nanoTime.getAsLong();
    long refill = (now - lastRefill) * bytesPerSecond / 1_000_000_000L;
    if (refill > 0) {
      available = Math.min(bytesPerSecond, available + refill);
      lastRefill = now;
    }
    available -= bytes;
    return available >= 0 ? 0 : -available * 1_000_000_000L / bytesPerSecond;
  }
}
