package org.dmmedge.mpd.model;

/**
 * The effective segment addressing of a Representation (ISO/IEC 23009-1 §5.3.9), after the
 * parser merged the declarations of Period, AdaptationSet and Representation attribute by
 * attribute (a lower level overrides a higher one; see {@code Inheritance}).
 */
public sealed interface SegmentInfo permits SegmentBase, SegmentList, SegmentTemplate {
  /** Ticks per second of the media times in this element ({@code @timescale}, default 1). */
  long timescale();

  /** Media time (ticks) that maps to the start of the Period ({@code @presentationTimeOffset}). */
  long presentationTimeOffset();

  /**
   * {@code @availabilityTimeOffset} in seconds (0 when absent, infinite for {@code INF}):
   * segments of a live MPD become available that much earlier (low-latency chunked
   * delivery). The BaseURLs' offsets are added to it (§5.3.9.5.3).
   */
  double availabilityTimeOffset();
}
