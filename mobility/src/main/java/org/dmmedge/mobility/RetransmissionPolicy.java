package org.dmmedge.mobility;

import java.time.Duration;
import java.util.Objects;

/**
 * When to send a PBU again if no PBA came: first after {@code initialTimeout}, then after twice
 * the previous wait up to {@code maxTimeout}, at most {@code maxRetransmissions} times (RFC
 * 6275 §11.8; UMIP's InitialBindackTimeoutFirstReg is 1.5 s, its maximum 32 s).
 */
public record RetransmissionPolicy(Duration initialTimeout, Duration maxTimeout,
    int maxRetransmissions) {
  public static final Duration DEFAULT_INITIAL_TIMEOUT = Duration.ofMillis(1500);
  public static final Duration DEFAULT_MAX_TIMEOUT = Duration.ofSeconds(32);
  public static final int DEFAULT_MAX_RETRANSMISSIONS = 5;
  public static final RetransmissionPolicy DEFAULT = new RetransmissionPolicy(
      DEFAULT_INITIAL_TIMEOUT, DEFAULT_MAX_TIMEOUT, DEFAULT_MAX_RETRANSMISSIONS);

  public RetransmissionPolicy {
    Check.positive("initialTimeout", initialTimeout);
    Objects.requireNonNull(maxTimeout, "maxTimeout");
    if (maxTimeout.compareTo(initialTimeout) < 0) {
      throw new IllegalArgumentException(
          "maxTimeout: " + maxTimeout + " (expected: >= initialTimeout " + initialTimeout + ")");
    }
    Check.inRange("maxRetransmissions", maxRetransmissions, 0, 32);
  }

  /** The wait after the {@code attempt}-th transmission (1 for the first). */
  public Duration timeout(int attempt) {
    Duration wait = initialTimeout.multipliedBy(1L << Math.min(attempt - 1, 30));
    return wait.compareTo(maxTimeout) > 0 ? maxTimeout : wait;
  }
}
