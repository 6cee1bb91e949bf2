package org.dmmedge.mobility;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time for the control plane: the current instant and delayed tasks. The CMD and the MAR agent
 * take one so that tests drive retransmission, refresh and expiry by advancing a manual clock,
 * with no sleeps. Tasks run on a scheduler thread and must hand their work to their owner's
 * executor; they must not block.
 */
public interface Scheduler {

  /** The current instant. */
  Instant now();

  /** A {@link Clock} reading {@link #now()}, for APIs that take a clock. */
  default Clock clock() {
    Scheduler self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("zone: " + zone + " (expected: UTC only)");
      }

      @Override
      public Instant instant() {
        return self.now();
      }
    };
  }

  /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can be withdrawn. */
  @FunctionalInterface
  interface Cancellable {
    /** Withdraws the task if it has not run; no effect otherwise. */
    void cancel();
  }
}
