package org.dmmedge.mpd.segment;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.dmmedge.mpd.model.ByteRange;

/**
 * One addressable segment: an absolute URL (when the MPD's location was known), an optional
 * byte range, and where it sits in time.
 *
 * @param url the resolved URL
 * @param range the byte range to request, when the segment is part of a larger resource
 * @param number the segment number ({@code startNumber + index} in the Period's timeline;
 *     {@code 0} for initialization and index segments)
 * @param time media time of the start in ticks ({@code $Time$})
 * @param durationTicks duration in ticks
 * @param timescale ticks per second
 * @param start presentation start relative to the start of the presentation (PeriodStart +
 *     (time - presentationTimeOffset) / timescale)
 * @param duration duration
 */
public record SegmentRef(
    String url,
    Optional<ByteRange> range,
    long number,
    long time,
    long durationTicks,
    long timescale,
    Duration start,
    Duration duration) {
  public SegmentRef {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
  }

  /** The URL with {@code \t bytes=first-last} appended when there is a range (CLI lines). */
  public String toLine() {
    return range.map(r -> url + "\tbytes=" + r).orElse(url);
  }
}
