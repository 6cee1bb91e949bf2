package org.dmmedge.cache.store;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference count that starts at one and never comes back from zero: {@link #tryRetain}
 * fails once the last reference was released, so an object found in an index after its
 * removal is refused rather than resurrected. Thread-safe (CAS).
 */
public final class RefCount {
  private final AtomicInteger refs = new AtomicInteger(1);

  /** Takes one more reference; false when already released. */
  public boolean tryRetain() {
    for (int current = refs.get(); current > 0; current = refs.get()) {
      if (refs.compareAndSet(current, current + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Drops the only reference if no other was taken; true when it did (count now zero). */
  public boolean releaseIfOnly() {
    return refs.compareAndSet(1, 0);
  }

  /**
   * Drops one reference; true when it was the last (the owner frees its resources then).
   *
   * @throws IllegalStateException if released more often than retained
   */
  public boolean release() {
    int left = refs.decrementAndGet();
    if (left < 0) {
      throw new IllegalStateException("released more often than retained");
    }
    return left == 0;
  }
}
