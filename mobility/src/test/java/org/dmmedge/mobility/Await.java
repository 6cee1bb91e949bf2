package org.dmmedge.mobility;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for conditions that other threads make true (no fixed sleeps). */
public final class Await {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private Await() {}

  /** Waits until {@code condition} holds, failing with {@code what} after 10 s. */
  public static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + LIMIT.toSeconds() + " s waiting for " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Waits until {@code actual} equals {@code expected}; the failure shows the last value. */
  public static <T> void equal(String what, Supplier<T> actual, T expected) {
    try {
      until(what, () -> expected.equals(actual.get()));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n expected: " + expected + "\n but was: "
          + actual.get(), e);
    }
  }
}
