package org.dmmedge.mobility.codec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.dmmedge.mobility.codec.CodecException.Reason;

/**
 * Timestamp-based replay protection (RFC 5213 §5.5): a message is accepted when its Timestamp
 * option lies within {@code window} of the receiver's clock and is newer than the last one
 * accepted under the same key (the MN identifier). Thread-safe; {@link #verify} then
 * {@link #record} is meant for one thread per key (the CMD worker, the MAR agent thread).
 */
public final class ReplayGuard {
  /** RFC 5213 §9's TimestampValidityWindow default. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMillis(300);
  private static final int PRUNE_EVERY = 4096;

  private final Duration window;
  private final Clock clock;
  private final Map<String, Long> lastAccepted = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong checks =
      new java.util.concurrent.atomic.AtomicLong();

  public ReplayGuard(Duration window, Clock clock) {
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks {@code message}'s timestamp against the window at {@code arrival} (the instant the
   * datagram was received, so that a backlog at the receiver is not held against the sender)
   * and against the last one recorded for {@code key}, without recording it: a message that a
   * later check refuses (a sequence number, RFC 6275 §9.5.1) must not burn its timestamp.
   *
   * @throws CodecException {@link Reason#REPLAYED} when the timestamp is missing, outside the
   *     window or equal to the last recorded, {@link Reason#OUT_OF_ORDER} when older than it
   */
  public void verify(String key, MobilityMessage message, Instant arrival) {
    MobilityOption.Timestamp ts = timestamp(message);
    Instant sent = ts.toInstant();
    if (Duration.between(sent, arrival).abs().compareTo(window) > 0) {
      throw new CodecException(Reason.REPLAYED,
          "timestamp " + sent + " outside " + window.toMillis() + " ms of " + arrival);
    }
    Long last = lastAccepted.get(key);
    if (last != null && Long.compareUnsigned(ts.value(), last) <= 0) {
      throw ts.value() == last
          ? new CodecException(Reason.REPLAYED, "timestamp " + sent + " already accepted")
          : new CodecException(Reason.OUT_OF_ORDER, "timestamp " + sent + " older than "
              + new MobilityOption.Timestamp(last).toInstant());
    }
  }

  /** Records {@code message}'s timestamp as the last accepted for {@code key}. */
  public void record(String key, MobilityMessage message) {
    long value = timestamp(message).value();
    lastAccepted.merge(key, value, (old, fresh) -> Long.compareUnsigned(fresh, old) > 0 ? fresh : old);
    if (checks.incrementAndGet() % PRUNE_EVERY == 0) {
      long oldest = MobilityOption.Timestamp.of(clock.instant().minus(window)).value();
      lastAccepted.values().removeIf(last -> Long.compareUnsigned(last, oldest) < 0);
    }
  }

  /** {@link #verify} at the clock's current instant, then {@link #record}. */
  public void check(String key, MobilityMessage message) {
    verify(key, message, clock.instant());
    record(key, message);
  }

  private static MobilityOption.Timestamp timestamp(MobilityMessage message) {
    return message.option(MobilityOption.Timestamp.class)
        .orElseThrow(() -> new CodecException(Reason.REPLAYED, "no timestamp option"));
  }
}
