package org.dmmedge.mpd.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A parsed Media Presentation Description (ISO/IEC 23009-1 §5.3.1), immutable.
 *
 * @param documentUrl the URL the MPD was loaded from (the first level of URL resolution),
 *     when known
 * @param locations {@code Location} elements (where to refresh a dynamic MPD)
 */
public record Mpd(
    Optional<String> documentUrl,
    Optional<String> id,
    MpdType type,
    Optional<String> profiles,
    Optional<Duration> mediaPresentationDuration,
    Optional<Duration> minBufferTime,
    Optional<Instant> availabilityStartTime,
    Optional<Instant> publishTime,
    Optional<Duration> timeShiftBufferDepth,
    Optional<Duration> minimumUpdatePeriod,
    Optional<Duration> suggestedPresentationDelay,
    Optional<Duration> maxSegmentDuration,
    List<BaseUrl> baseUrls,
    List<String> locations,
    List<Period> periods) {
  public Mpd {
    Objects.requireNonNull(documentUrl, "documentUrl");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(profiles, "profiles");
    Objects.requireNonNull(mediaPresentationDuration, "mediaPresentationDuration");
    Objects.requireNonNull(minBufferTime, "minBufferTime");
    Objects.requireNonNull(availabilityStartTime, "availabilityStartTime");
    Objects.requireNonNull(publishTime, "publishTime");
    Objects.requireNonNull(timeShiftBufferDepth, "timeShiftBufferDepth");
    Objects.requireNonNull(minimumUpdatePeriod, "minimumUpdatePeriod");
    Objects.requireNonNull(suggestedPresentationDelay, "suggestedPresentationDelay");
    Objects.requireNonNull(maxSegmentDuration, "maxSegmentDuration");
    baseUrls = List.copyOf(baseUrls);
    locations = List.copyOf(locations);
    periods = List.copyOf(periods);
  }

  public boolean isDynamic() {
    return type == MpdType.DYNAMIC;
  }

  /** Every Representation of every Period, in document order. */
  public Stream<RepresentationContext> representations() {
    Stream.Builder<RepresentationContext> all = Stream.builder();
    for (int p = 0; p < periods.size(); p++) {
      Period period = periods.get(p);
      for (AdaptationSet set : period.adaptationSets()) {
        for (Representation rep : set.representations()) {
          all.add(new RepresentationContext(this, p, period, set, rep));
        }
      }
    }
    return all.build();
  }

  /**
   * The time-shift window at {@code now} (§5.3.9.5). For a static MPD the window is the whole
   * presentation and this is not meaningful.
   *
   * @throws IllegalStateException if the MPD is static or has no {@code availabilityStartTime}
   */
  public LiveWindow liveWindow(Instant now) {
    Objects.requireNonNull(now, "now");
    if (!isDynamic()) {
      throw new IllegalStateException("MPD@type: static (expected: dynamic for a live window)");
    }
    Instant ast = availabilityStartTime.orElseThrow(() -> new IllegalStateException(
        "MPD@availabilityStartTime: absent (expected: present in a dynamic MPD)"));
    Instant start = timeShiftBufferDepth.map(now::minus).orElse(ast);
    if (start.isBefore(ast)) {
      start = ast;
    }
    Duration delay = suggestedPresentationDelay.or(() -> minBufferTime).orElse(Duration.ZERO);
    Instant playback = now.minus(delay);
    if (playback.isBefore(start)) {
      playback = start;
    }
    return new LiveWindow(start, now, playback);
  }
}
