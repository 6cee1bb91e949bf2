package org.dmmedge.mpd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.parse.MpdParser;
import org.dmmedge.mpd.player.HttpFetcher;
import org.dmmedge.mpd.player.PlaybackClock;

/** Loads an MPD named on the command line: an http(s) URL or a local file. */
final class MpdSource {
  private MpdSource() {}

  /**
   * @param baseUrl where the MPD was fetched from (overrides the URL fetched, or the file's
   *     {@code file:} URI)
   */
  static Mpd load(String source, Optional<String> baseUrl)
      throws IOException, InterruptedException {
    MpdParser parser = new MpdParser();
    if (source.startsWith("http://") || source.startsWith("https://")) {
      HttpFetcher.Response r = new HttpFetcher(Optional.empty(), Duration.ofSeconds(10),
          PlaybackClock.SYSTEM).document(source);
      return parser.parse(r.body(), baseUrl.or(() -> Optional.of(r.uri().toString())));
    }
    Path file = Path.of(source);
    if (!Files.isRegularFile(file)) {
      throw new IOException(source + ": no such file (expected: an MPD file or http(s) URL)");
    }
    return parser.parse(file, baseUrl.or(() -> Optional.of(file.toUri().toString())));
  }
}
