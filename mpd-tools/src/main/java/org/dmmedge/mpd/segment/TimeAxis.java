package org.dmmedge.mpd.segment;

/**
 * Start and duration (media-time ticks) of the segments of one Representation by index, before
 * any window is applied. Index 0 is the first segment of the timeline or of the
 * duration-based run; indices only grow with time (starts strictly increase). Every query is
 * arithmetic, so an axis of millions of segments costs nothing until read.
 */
interface TimeAxis {
  /** {@link #size} of an axis with no natural end (open {@code S@r=-1}, open duration run). */
  long OPEN = Long.MAX_VALUE;

  long size();

  /** Start of segment {@code i} (ticks). @throws SegmentEnumerationException on overflow */
  long start(long i);

  long duration(long i);

  /** How many segments start before {@code ticks}. */
  long countStartingBefore(long ticks);

  /** How many segments end at or before {@code ticks}. */
  long countEndingBy(long ticks);

  /** Index of the segment whose start is exactly {@code ticks}, or -1. */
  long indexOfStart(long ticks);
}
