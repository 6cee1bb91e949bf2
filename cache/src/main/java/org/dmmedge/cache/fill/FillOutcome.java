package org.dmmedge.cache.fill;

/** How a {@link Fill} ended. Only {@link #COMPLETE} fills are ever indexed. */
public enum FillOutcome {
  /** The whole body arrived (or a 304 refreshed the stored one) and the entry is indexed. */
  COMPLETE,
  /** The origin failed before the end of the body: readers must abort, nothing is stored. */
  ABORTED,
  /**
   * The response may not be stored (private, no-store, too large...). Readers that got no head
   * go to the origin themselves; readers already streaming (the body outgrew the maximum object
   * size mid-way) still get the whole body.
   */
  UNCACHEABLE
}
