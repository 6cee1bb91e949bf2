package org.dmmedge.mpd.segment;

import java.math.BigInteger;
import java.time.Duration;

/** Conversions between {@link Duration} and media-time ticks of a timescale. */
final class Ticks {
  private static final BigInteger NANOS = BigInteger.valueOf(1_000_000_000L);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private Ticks() {}

  /** {@code floor(d * timescale)}, saturated to the long range. */
  static long of(Duration d, long timescale) {
    long seconds = d.getSeconds();
    if (Math.abs(seconds) < (1L << 31) && timescale <= 0xFFFF_FFFFL) {
      // Fast path without BigInteger: both products stay below 2^63; nanos are >= 0.
      return seconds * timescale + d.getNano() * timescale / 1_000_000_000L;
    }
    BigInteger nanos = BigInteger.valueOf(d.getSeconds()).multiply(NANOS)
        .add(BigInteger.valueOf(d.getNano()));
    BigInteger[] qr = nanos.multiply(BigInteger.valueOf(timescale)).divideAndRemainder(NANOS);
    BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    return floor.max(MIN).min(MAX).longValue();
  }

  /** {@code ticks / timescale} as a Duration (timescale at most 2^32, so no overflow). */
  static Duration toDuration(long ticks, long timescale) {
    long seconds = Math.floorDiv(ticks, timescale);
    long rest = Math.floorMod(ticks, timescale);
    return Duration.ofSeconds(seconds, rest * 1_000_000_000L / timescale);
  }

  /** {@code origin + ticks / timescale}, with one allocation (the per-segment hot path). */
  static Duration toDuration(long ticks, long timescale, Duration origin) {
    long seconds = Math.floorDiv(ticks, timescale);
    long rest = Math.floorMod(ticks, timescale);
    return Duration.ofSeconds(origin.getSeconds() + seconds,
        origin.getNano() + rest * 1_000_000_000L / timescale);
  }

  /** Saturating addition (window bounds may sit at the ends of the range). */
  static long plus(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  /** {@code ceil(a / b)} for {@code a >= 0, b > 0} without overflow. */
  static long ceilDiv(long a, long b) {
    return a / b + (a % b == 0 ? 0 : 1);
  }
}
