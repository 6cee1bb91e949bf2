package org.dmmedge.mpd.player;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.dmmedge.mpd.MpdException;
import org.dmmedge.mpd.model.AdaptationSet;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.model.Period;
import org.dmmedge.mpd.model.Representation;
import org.dmmedge.mpd.model.RepresentationContext;
import org.dmmedge.mpd.parse.MpdParser;
import org.dmmedge.mpd.segment.PreparedSegments;
import org.dmmedge.mpd.segment.SegmentEnumerator;
import org.dmmedge.mpd.segment.SegmentRef;
import org.dmmedge.mpd.segment.SegmentSequence;

/**
 * A DASH client that measures quality of experience: fetches the MPD, plays the video
 * AdaptationSet of each Period in turn (the first AdaptationSet when none is video), starting
 * at the lowest bitrate and adapting with {@link AbrPolicy}, and the audio (the
 * lowest-bandwidth Representation of the first audio AdaptationSet; text is not fetched),
 * interleaved so that the track with less media buffered goes next. It keeps a
 * {@link BufferModel} in real time, credited with what both tracks hold: it fills the buffer
 * up to the target, then waits while playback drains it, as a player would.
 *
 * <p>Live MPDs start at the live window's playback point and wait for segments to become
 * available (re-fetching the MPD when none appears; giving up after {@link #LIVE_PATIENCE}).
 * A failed segment request is recorded as an error and the player moves on (its buffer
 * drains as a real player's would).
 *
 * <p>Design: one thread, blocking requests; time from the injected {@link PlaybackClock}.
 */
public final class PlayerEmulator {
  /** Longest wait for a new live segment before giving up. */
  static final Duration LIVE_PATIENCE = Duration.ofSeconds(30);
  private static final Duration LIVE_POLL = Duration.ofMillis(500);
  private static final Duration EPSILON = Duration.ofNanos(1_000);

  private final PlayerConfig config;
  private final PlaybackClock clock;
  private final HttpFetcher http;
  private final MpdParser parser = new MpdParser();
  /** Unbounded: the player reads a few segments of a window, never lists one. */
  private final SegmentEnumerator enumerator = new SegmentEnumerator(Long.MAX_VALUE);

  public PlayerEmulator(PlayerConfig config, PlaybackClock clock) {
    this(config, clock, new HttpFetcher(config.proxy(), config.requestTimeout(), clock));
  }

  /**
   * A player over a given fetcher (a shared client for many players; {@code config.proxy()}
   * is then the fetcher's business).
   */
  public PlayerEmulator(PlayerConfig config, PlaybackClock clock, HttpFetcher http) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * Plays {@code mpdUrl} until the presentation ends or {@code maxContent} is downloaded.
   *
   * @throws PlayerException when the MPD cannot be fetched or parsed, or has nothing to play
   */
  public QoeReport play(String mpdUrl) throws InterruptedException {
    Run run = new Run(mpdUrl, clock.nanoTime());
    Mpd mpd = run.fetchMpd();
    Duration limit = config.maxContent()
        .orElse(mpd.isDynamic() ? PlayerConfig.DEFAULT_LIVE_CONTENT : Duration.ofDays(365));
    Duration position = mpd.isDynamic()
        ? Duration.between(mpd.availabilityStartTime().orElseThrow(),
            mpd.liveWindow(clock.instant()).playbackPoint())
        : Duration.ZERO;
    while (run.played.compareTo(limit) < 0) {
      OptionalInt period = periodAt(run.mpd, position);
      if (period.isEmpty()) {
        break;
      }
      Optional<Duration> end = run.playPeriod(period.getAsInt(), position, limit);
      if (end.isEmpty() || end.get().compareTo(position) <= 0) {
        break;
      }
      position = end.get();
    }
    run.buffer.finish(clock.nanoTime());
    return run.report();
  }

  /** The state of one play-through. */
  private final class Run {
    final String mpdUrl;
    final BufferModel buffer;
    final AbrPolicy abr;
    final List<SegmentDownload> downloads = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final Set<String> initialized = new HashSet<>();
    Mpd mpd;
    long bytes;
    int switches;
    Duration played = Duration.ZERO;
    long lastBandwidth = -1;
    /** Media downloaded in this Period per track, and how much of it the buffer holds. */
    long videoBuffered;
    long audioBuffered;
    long credited;
    boolean audioActive;

    /** Playback needs both tracks: the buffer grows by what both have downloaded. */
    void startPeriod(boolean withAudio) {
      credit();
      videoBuffered = 0;
      audioBuffered = 0;
      credited = 0;
      audioActive = withAudio;
    }

    void credit() {
      long both = audioActive ? Math.min(videoBuffered, audioBuffered) : videoBuffered;
      if (both > credited) {
        buffer.append(both - credited, clock.nanoTime());
        credited = both;
      }
    }

    /** The audio track of a Period: its lowest-bandwidth Representation, prepared once. */
    private final class Audio {
      final RepresentationContext context;
      final PreparedSegments segments;

      Audio(RepresentationContext context, PreparedSegments segments) {
        this.context = context;
        this.segments = segments;
      }

      /** Downloads the audio segment after {@code position}; its end, or empty when none. */
      Optional<Duration> fetchAfter(Duration position) throws InterruptedException {
        SegmentSequence seq;
        try {
          seq = segments.at(Optional.of(clock.instant()));
        } catch (MpdException e) {
          errors.add(context + ": " + e.getMessage());
          return Optional.empty();
        }
        OptionalLong i = seq.firstEndingAfter(position.plus(EPSILON));
        if (i.isEmpty()) {
          return Optional.empty();
        }
        SegmentRef segment = seq.get(i.getAsLong());
        Representation rep = context.representation();
        if (seq.initialization().isPresent()
            && initialized.add(seq.initialization().get().toLine())) {
          download(seq.initialization().get(), "init", rep);
        }
        if (download(segment, "audio", rep)) {
          audioBuffered += segment.duration().toNanos();
          credit();
        }
        return Optional.of(segment.start().plus(segment.duration()));
      }
    }

    private Audio audio(Mpd mpd, int periodIndex) {
      Period period = mpd.periods().get(periodIndex);
      Optional<RepresentationContext> rep = period.adaptationSets().stream()
          .filter(a -> a.kind().equals("audio") && !a.representations().isEmpty()).findFirst()
          .flatMap(a -> a.representations().stream()
              .min(Comparator.comparingLong(Representation::bandwidth))
              .map(r -> new RepresentationContext(mpd, periodIndex, period, a, r)));
      if (rep.isEmpty() || ladder(mpd, periodIndex).contains(rep.get())) {
        return null;
      }
      try {
        return new Audio(rep.get(), enumerator.prepare(rep.get(),
            SegmentEnumerator.baseUrl(rep.get())));
      } catch (MpdException e) {
        errors.add(rep.get() + ": " + e.getMessage());
        return null;
      }
    }

    Run(String mpdUrl, long startNanos) {
      this.mpdUrl = mpdUrl;
      long start = config.startThreshold().toNanos();
      this.buffer = new BufferModel(startNanos, start, start);
      // Up-switches need twice the start buffer, but never more than the target holds.
      this.abr = new AbrPolicy(config.safetyFactor(), start,
          Math.min(2 * start, config.bufferTarget().toNanos()));
    }

    Mpd fetchMpd() throws InterruptedException {
      try {
        HttpFetcher.Response r = http.document(mpdUrl);
        bytes += r.bytes();
        mpd = parser.parse(r.body(), Optional.of(r.uri().toString()));
        return mpd;
      } catch (UncheckedIOException | MpdException e) {
        throw new PlayerException("MPD " + mpdUrl + ": " + e.getMessage(), e);
      }
    }

    /**
     * Plays one Period from {@code position}; the position reached (the Period end when it
     * ran out of segments), or empty to stop.
     */
    Optional<Duration> playPeriod(int periodIndex, Duration position, Duration limit)
        throws InterruptedException {
      Ladder ladder = new Ladder(mpd, periodIndex);
      if (ladder.contexts.isEmpty()) {
        errors.add("Period " + periodIndex + ": no Representation to play");
        return mpd.periods().get(periodIndex).end();
      }
      int choice = ladder.closestTo(lastBandwidth);
      Duration waited = Duration.ZERO;
      Audio audio = config.audio() ? audio(mpd, periodIndex) : null;
      Duration audioPosition = position;
      startPeriod(audio != null);
      while (played.compareTo(limit) < 0) {
        waitForRoom();
        if (audio != null && audioBuffered < videoBuffered) {
          Optional<Duration> next = audio.fetchAfter(audioPosition);
          if (next.isPresent()) {
            audioPosition = next.get();
            continue;
          }
          if (!mpd.isDynamic()) {
            audio = null; // the audio of this Period is complete
            audioActive = false;
            credit();
          }
        }
        choice = abr.choose(ladder.bandwidths, choice, buffer.levelNanos());
        SegmentSequence seq = ladder.window(choice);
        if (seq == null) {
          return Optional.empty();
        }
        OptionalLong i = seq.firstEndingAfter(position.plus(EPSILON));
        if (i.isEmpty()) {
          Optional<Duration> end = ladder.contexts.get(choice).period().end();
          if (!mpd.isDynamic() || (end.isPresent() && end.get().compareTo(position) <= 0)) {
            return end.isPresent() ? end : Optional.of(position);
          }
          if (waited.compareTo(LIVE_PATIENCE) >= 0) {
            errors.add("no new live segment after " + position + " for " + LIVE_PATIENCE);
            return Optional.empty();
          }
          clock.sleep(LIVE_POLL);
          buffer.advance(clock.nanoTime());
          waited = waited.plus(LIVE_POLL);
          fetchMpd();
          // The refreshed MPD may have dropped or added Periods: find ours by time again.
          OptionalInt again = periodAt(mpd, position);
          if (again.isEmpty()) {
            return Optional.empty();
          }
          ladder = new Ladder(mpd, again.getAsInt());
          if (ladder.contexts.isEmpty()) {
            return Optional.empty();
          }
          choice = ladder.closestTo(ladder.bandwidths.get(Math.min(choice,
              ladder.bandwidths.size() - 1)));
          continue;
        }
        waited = Duration.ZERO;
        SegmentRef segment = seq.get(i.getAsLong());
        Representation rep = ladder.contexts.get(choice).representation();
        if (seq.initialization().isPresent()
            && initialized.add(seq.initialization().get().toLine())) {
          download(seq.initialization().get(), "init", rep);
        }
        if (lastBandwidth >= 0 && lastBandwidth != rep.bandwidth()) {
          switches++;
        }
        lastBandwidth = rep.bandwidth();
        if (download(segment, "media", rep)) {
          abr.record(downloads.get(downloads.size() - 1).bytes(),
              downloads.get(downloads.size() - 1).downloadTime().toNanos());
          played = played.plus(segment.duration());
          videoBuffered += segment.duration().toNanos();
          credit();
        }
        position = segment.start().plus(segment.duration());
      }
      return Optional.empty();
    }

    /** The Representations to choose from in a Period, ascending bandwidth, prepared once. */
    private final class Ladder {
      final List<RepresentationContext> contexts;
      final List<Long> bandwidths;
      final List<PreparedSegments> prepared = new ArrayList<>();

      Ladder(Mpd mpd, int periodIndex) {
        contexts = ladder(mpd, periodIndex);
        bandwidths = contexts.stream().map(c -> c.representation().bandwidth()).toList();
        for (RepresentationContext c : contexts) {
          try {
            prepared.add(enumerator.prepare(c, SegmentEnumerator.baseUrl(c)));
          } catch (MpdException e) {
            errors.add(c + ": " + e.getMessage());
            prepared.add(null);
          }
        }
      }

      /** The highest rung not above {@code bandwidth} (the lowest when none is). */
      int closestTo(long bandwidth) {
        int best = 0;
        for (int i = 0; i < bandwidths.size(); i++) {
          if (bandwidths.get(i) <= bandwidth) {
            best = i;
          }
        }
        return best;
      }

      SegmentSequence window(int choice) {
        PreparedSegments p = prepared.get(choice);
        if (p == null) {
          return null;
        }
        try {
          return p.at(Optional.of(clock.instant()));
        } catch (MpdException e) {
          errors.add(contexts.get(choice) + ": " + e.getMessage());
          return null;
        }
      }
    }

    /** Waits while the buffer holds more than the target (playback drains it meanwhile). */
    private void waitForRoom() throws InterruptedException {
      buffer.advance(clock.nanoTime());
      long excess = buffer.levelNanos() - config.bufferTarget().toNanos();
      if (excess > 0 && buffer.playing()) {
        clock.sleep(Duration.ofNanos(excess));
        buffer.advance(clock.nanoTime());
      }
    }

    /** Fetches a segment; true when it arrived whole (2xx). */
    private boolean download(SegmentRef segment, String kind, Representation rep)
        throws InterruptedException {
      int status = 0;
      long size = 0;
      long nanos = 0;
      Optional<String> xCache = Optional.empty();
      Optional<String> xServedBy = Optional.empty();
      long started = clock.nanoTime();
      try {
        HttpFetcher.Response r = http.get(segment.url(), segment.range(), false);
        status = r.status();
        size = r.bytes();
        nanos = r.nanos();
        xCache = r.headers().firstValue("X-Cache");
        xServedBy = r.headers().firstValue("X-Served-By");
        if (status / 100 != 2) {
          errors.add(segment.url() + ": HTTP status " + status + " (expected: 2xx)");
        }
      } catch (IOException e) {
        nanos = clock.nanoTime() - started;
        errors.add(segment.url() + ": " + e);
      }
      bytes += size;
      boolean ok = status / 100 == 2;
      buffer.advance(clock.nanoTime());
      downloads.add(new SegmentDownload(segment.url(), kind, rep.id(), rep.bandwidth(),
          segment.number(), size, Duration.ofNanos(nanos), status, xCache, xServedBy,
          Duration.ofNanos(buffer.levelNanos())));
      return ok;
    }

    QoeReport report() {
      return new QoeReport(mpdUrl, Duration.ofNanos(Math.max(0, buffer.startupDelayNanos())),
          buffer.stallCount(), Duration.ofNanos(buffer.stallNanos()), switches, bytes, played,
          downloads, errors);
    }
  }

  /**
   * The Period playing at {@code position}: the first (with a known start) that has not ended
   * by then; empty when every Period has.
   */
  private static OptionalInt periodAt(Mpd mpd, Duration position) {
    for (int p = 0; p < mpd.periods().size(); p++) {
      Period period = mpd.periods().get(p);
      Optional<Duration> end = period.end();
      if (period.start().isPresent() && (end.isEmpty() || end.get().compareTo(position) > 0)) {
        return OptionalInt.of(p);
      }
    }
    return OptionalInt.empty();
  }

  /** The video Representations of a Period, ascending bandwidth. */
  private static List<RepresentationContext> ladder(Mpd mpd, int periodIndex) {
    Period period = mpd.periods().get(periodIndex);
    Optional<AdaptationSet> set = period.adaptationSets().stream()
        .filter(a -> a.kind().equals("video") && !a.representations().isEmpty()).findFirst()
        .or(() -> period.adaptationSets().stream()
            .filter(a -> !a.representations().isEmpty()).findFirst());
    if (set.isEmpty()) {
      return List.of();
    }
    return set.get().representations().stream()
        .sorted(Comparator.comparingLong(Representation::bandwidth))
        .map(r -> new RepresentationContext(mpd, periodIndex, period, set.get(), r))
        .toList();
  }
}
