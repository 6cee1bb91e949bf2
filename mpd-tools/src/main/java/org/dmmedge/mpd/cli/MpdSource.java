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
  /** The document and the URL it counts as loaded from. */
  record Document(byte[] body, String url) {}

  private MpdSource() {}

  /**
   * @param baseUrl where the MPD was fetched from (overrides the URL fetched, or the file's
   *     {@code file:} URI)
   */
  static Document read(String source, Optional<String> baseUrl)
      throws IOException, InterruptedException {
    if (source.startsWith("http://") || source.startsWith("https://")) {
      HttpFetcher.Response r = new HttpFetcher(Optional.empty(), Duration.ofSeconds(10),
          PlaybackClock.SYSTEM).document(source);
      return new Document(r.body(), baseUrl.orElse(r.uri().toString()));
    }
    Path file = Path.of(source);
    if (!Files.isRegularFile(file)) {
      throw new IOException(source + ": no such file (expected: an MPD file or http(s) URL)");
    }
    if (Files.size(file) > MpdParser.DEFAULT_MAX_BYTES) {
      throw new IOException(source + ": " + Files.size(file) + " bytes (expected: <= "
          + MpdParser.DEFAULT_MAX_BYTES + ")");
    }
    return new Document(Files.readAllBytes(file), baseUrl.orElse(file.toUri().toString()));
  }

  static Mpd load(String source, Optional<String> baseUrl)
      throws IOException, InterruptedException {
    Document d = read(source, baseUrl);
    return new MpdParser().parse(d.body(), Optional.of(d.url()));
  }
}
