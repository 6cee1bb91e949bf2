package org.dmmedge.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that tests advance by hand; thread-safe. */
public final class MutableClock extends Clock {
  private final AtomicLong millis;

  /** A clock at {@code start}. */
  public MutableClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  /** A clock at 2026-01-01T00:00:00Z. */
  public static MutableClock atDefaultStart() {
    return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** Moves time forward. */
  public void advance(Duration duration) {
    millis.addAndGet(duration.toMillis());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("fixed to UTC");
  }
}
