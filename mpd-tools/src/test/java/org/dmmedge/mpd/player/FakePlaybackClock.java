package org.dmmedge.mpd.player;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Test time: {@link #sleep} and {@link #advance} move it instantly; nothing waits. */
final class FakePlaybackClock implements PlaybackClock {
  private final Instant origin;
  private final AtomicLong nanos = new AtomicLong();

  FakePlaybackClock(Instant origin) {
    this.origin = origin;
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(nanos.get());
  }

  @Override
  public void sleep(Duration d) {
    advance(d);
  }
}
