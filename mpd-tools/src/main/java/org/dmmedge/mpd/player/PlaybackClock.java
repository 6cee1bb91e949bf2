package org.dmmedge.mpd.player;

import java.time.Duration;
import java.time.Instant;

/**
 * The player's time source: a monotonic nano clock, the wall-clock instant (for live MPDs) and
 * a way to wait. {@link #SYSTEM} is real time; tests use a clock whose {@link #sleep}
 * advances it instantly, so buffer behaviour is deterministic and fast.
 */
public interface PlaybackClock {
  long nanoTime();

  Instant instant();

  /** Waits {@code d} (real time: {@link Thread#sleep}). */
  void sleep(Duration d) throws InterruptedException;

  /** Wall clock. */
  PlaybackClock SYSTEM = new PlaybackClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Instant instant() {
      return Instant.now();
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    }
  };
}
