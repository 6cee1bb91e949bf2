package org.dmmedge.edge.admin;

import org.dmmedge.cache.HttpCache;

/** Test waits on a cache's fills. */
public final class Fills {
  private Fills() {}

  /**
   * Waits (bounded: 10 s) until no fill is in flight: a client has its last byte as soon as
   * the origin's last byte was copied, a moment before the fill is indexed.
   */
  public static void awaitNone(HttpCache cache) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (cache.stats().inFlightFills() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("fills still in flight after 10 s");
      }
      Thread.sleep(1);
    }
  }
}
