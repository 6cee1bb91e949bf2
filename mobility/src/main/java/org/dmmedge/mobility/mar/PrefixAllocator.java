package org.dmmedge.mobility.mar;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.dmmedge.mobility.Ipv6Prefix;

/**
 * Hands out /64s of a MAR's pool (for example a /48: 65 536 of them), lowest free first after
 * the last one given, and takes them back. Not thread-safe: the agent's thread only.
 */
final class PrefixAllocator {
  static final int ALLOCATION_LENGTH = 64;

  private final Ipv6Prefix pool;
  private final long size;
  private final Set<Ipv6Prefix> inUse = new HashSet<>();
  private long next;

  PrefixAllocator(Ipv6Prefix pool) {
    if (pool.length() > ALLOCATION_LENGTH || pool.length() < 16) {
      throw new IllegalArgumentException(
          "prefixPool: " + pool + " (expected: length 16..64)");
    }
    this.pool = pool;
    this.size = 1L << Math.min(ALLOCATION_LENGTH - pool.length(), 48);
  }

  /** A free /64, or empty when the pool is exhausted. */
  Optional<Ipv6Prefix> allocate() {
    for (long tried = 0; tried < size; tried++) {
      Ipv6Prefix candidate = nth((next + tried) % size);
      if (inUse.add(candidate)) {
        next = (next + tried + 1) % size;
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Marks {@code prefix} used (a prefix this MAR still anchors); false if outside the pool. */
  boolean reserve(Ipv6Prefix prefix) {
    return prefix.length() == ALLOCATION_LENGTH && pool.contains(prefix.address())
        && inUse.add(prefix);
  }

  void release(Ipv6Prefix prefix) {
    inUse.remove(prefix);
  }

  boolean owns(Ipv6Prefix prefix) {
    return pool.contains(prefix.address());
  }

  private Ipv6Prefix nth(long index) {
    BigInteger base = new BigInteger(1, pool.bytes());
    BigInteger value = base.add(BigInteger.valueOf(index).shiftLeft(128 - ALLOCATION_LENGTH));
    byte[] raw = value.toByteArray();
    byte[] sixteen = new byte[16];
    int copy = Math.min(raw.length, 16);
    System.arraycopy(raw, raw.length - copy, sixteen, 16 - copy, copy);
    return Ipv6Prefix.of(sixteen, ALLOCATION_LENGTH);
  }
}
