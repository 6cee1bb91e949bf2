package org.dmmedge.mpd.model;

/** {@code MPD@type} (ISO/IEC 23009-1 §5.3.1.2): on-demand or live. */
public enum MpdType {
  /** Every segment is available from the start; the presentation has a fixed length. */
  STATIC,
  /** Segments become available over time (live); see {@link Mpd#liveWindow}. */
  DYNAMIC
}
