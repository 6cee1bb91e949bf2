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
 * accepted under the same key (the MN identifier, or MN and sender). Thread-safe; the check
 * and the update are atomic per key.
 */
public final class ReplayGuard {
  /** RFC 5213 §9's TimestampValidityWindow default. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMillis(300);
  private static final int PRUNE_EVERY = 4096;

  private final Duration window;
  private final Clock clock;
  private final Map<String, Long> lastAccepted = new ConcurrentHashMap<>();
  private int checks;

  public ReplayGuard(Duration window, Clock clock) {
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Accepts {@code message}'s timestamp for {@code key} or throws.
   *
   * @throws CodecException {@link Reason#REPLAYED} when the timestamp is missing, outside the
   *     window or equal to the last accepted, {@link Reason#OUT_OF_ORDER} when older than it
   */
  public void check(String key, MobilityMessage message) {
    check(key, message, clock.instant());
  }

  /**
   * As {@link #check(String, MobilityMessage)}, judging the window at {@code arrival}, the
   * instant the datagram was received (so that a backlog at the receiver is not held against
   * the sender).
   */
  public void check(String key, MobilityMessage message, Instant arrival) {
    MobilityOption.Timestamp ts = message.option(MobilityOption.Timestamp.class)
        .orElseThrow(() -> new CodecException(Reason.REPLAYED, "no timestamp option"));
    Instant now = arrival;
    Instant sent = ts.toInstant();
    if (Duration.between(sent, now).abs().compareTo(window) > 0) {
      throw new CodecException(Reason.REPLAYED,
          "timestamp " + sent + " outside " + window.toMillis() + " ms of " + now);
    }
    CodecException[] rejected = new CodecException[1];
    lastAccepted.compute(key, (k, last) -> {
      if (last != null && Long.compareUnsigned(ts.value(), last) <= 0) {
        rejected[0] = ts.value() == last
            ? new CodecException(Reason.REPLAYED, "timestamp " + sent + " already accepted")
            : new CodecException(Reason.OUT_OF_ORDER, "timestamp " + sent + " older than "
                + new MobilityOption.Timestamp(last).toInstant());
        return last;
      }
      return ts.value();
    });
    if (rejected[0] != null) {
      throw rejected[0];
    }
    if (++checks % PRUNE_EVERY == 0) {
      long oldest = MobilityOption.Timestamp.of(now.minus(window)).value();
      lastAccepted.values().removeIf(last -> Long.compareUnsigned(last, oldest) < 0);
    }
  }
}
