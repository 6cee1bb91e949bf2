package org.dmmedge.mpd.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Period} (§5.3.2) with its start and duration derived as §5.3.2.1 says:
 * {@code @start}, else the end of the previous Period ({@code start + duration}), else 0 for the
 * first Period of a static MPD; a dynamic MPD's Period without either is an "early available
 * Period" whose start is not known yet ({@link #start} empty, no segments).
 * The duration is the distance to the next Period's start, else (last Period)
 * {@code MPD@mediaPresentationDuration - start}, else {@code @duration}; empty when open-ended.
 *
 * @param start derived PeriodStart, relative to the start of the presentation
 * @param duration derived duration
 * @param xlink the remote reference when the element was {@code xlink:href}-ed (not fetched)
 * @param line the line of the element in the document, for messages
 */
public record Period(
    Optional<String> id,
    Optional<Duration> start,
    Optional<Duration> duration,
    List<BaseUrl> baseUrls,
    List<AdaptationSet> adaptationSets,
    Optional<XLink> xlink,
    int line) {
  public Period {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    baseUrls = List.copyOf(baseUrls);
    adaptationSets = List.copyOf(adaptationSets);
    Objects.requireNonNull(xlink, "xlink");
  }

  /** The end of the Period relative to the presentation start, when start and duration are known. */
  public Optional<Duration> end() {
    return start.flatMap(s -> duration.map(s::plus));
  }
}
