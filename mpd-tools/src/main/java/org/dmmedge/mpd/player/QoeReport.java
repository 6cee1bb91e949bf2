package org.dmmedge.mpd.player;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a player run measured (the quality of experience a viewer would have had).
 *
 * @param startupDelay from the MPD request until playback could start
 * @param stallCount times the buffer ran dry while playing
 * @param stallTime total time spent stalled
 * @param bitrateSwitches changes of media Representation between consecutive segments
 * @param bytes body bytes of every request (MPD included)
 * @param playedContent media duration downloaded
 * @param downloads every init and media request, in order
 * @param errors failed requests and other problems, one line each
 */
public record QoeReport(
    String mpdUrl,
    Duration startupDelay,
    int stallCount,
    Duration stallTime,
    int bitrateSwitches,
    long bytes,
    Duration playedContent,
    List<SegmentDownload> downloads,
    List<String> errors) {
  public QoeReport {
    Objects.requireNonNull(mpdUrl, "mpdUrl");
    Objects.requireNonNull(startupDelay, "startupDelay");
    Objects.requireNonNull(stallTime, "stallTime");
    Objects.requireNonNull(playedContent, "playedContent");
    downloads = List.copyOf(downloads);
    errors = List.copyOf(errors);
  }

  /** The report as one JSON object (times in milliseconds). */
  public String toJson() {
    JsonWriter w = new JsonWriter().beginObject()
        .name("mpdUrl").value(mpdUrl)
        .name("startupDelayMs").value(millis(startupDelay))
        .name("stalls").beginObject()
        .name("count").value(stallCount)
        .name("totalMs").value(millis(stallTime)).endObject()
        .name("bitrateSwitches").value(bitrateSwitches)
        .name("bytes").value(bytes)
        .name("playedContentMs").value(millis(playedContent))
        .name("segments").beginArray();
    for (SegmentDownload d : downloads) {
      w.beginObject()
          .name("url").value(d.url())
          .name("kind").value(d.kind())
          .name("representation").value(d.representationId())
          .name("bandwidth").value(d.bandwidth())
          .name("number").value(d.number())
          .name("bytes").value(d.bytes())
          .name("downloadMs").value(millis(d.downloadTime()))
          .name("status").value(d.status())
          .name("xCache").value(d.xCache().orElse(null))
          .name("xServedBy").value(d.xServedBy().orElse(null))
          .name("bufferAfterMs").value(millis(d.bufferAfter()))
          .endObject();
    }
    w.endArray().name("errors").beginArray();
    errors.forEach(w::value);
    return w.endArray().endObject().toString();
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }

  /** A few human-readable lines. */
  public String summary() {
    long media = downloads.stream().filter(d -> d.kind().equals("media")).count();
    long hits = downloads.stream()
        .filter(d -> d.xCache().map(x -> x.toUpperCase().contains("HIT")).orElse(false)).count();
    return String.format("startup %.1f ms, stalls %d (%.1f ms), switches %d, %d media segments"
            + " (%s of content), %d bytes, X-Cache HIT %d/%d, errors %d",
        millis(startupDelay), stallCount, millis(stallTime), bitrateSwitches, media,
        playedContent, bytes, hits, downloads.size(), errors.size());
  }
}
