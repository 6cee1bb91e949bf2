package org.dmmedge.mpd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dmmedge.mpd.player.PlaybackClock;
import org.dmmedge.mpd.player.PlayerConfig;
import org.dmmedge.mpd.player.PlayerEmulator;
import org.dmmedge.mpd.player.PlayerException;
import org.dmmedge.mpd.player.QoeReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dmm-edge player}: plays a DASH presentation like a client and reports its quality of
 * experience. Exit codes: 0 played without failed requests, 1 the MPD could not be played or a
 * request failed, 2 bad usage.
 */
@Command(name = "player", mixinStandardHelpOptions = true,
    description = "Play a DASH presentation (video) and report startup delay, stalls, switches"
        + " and per-segment X-Cache / X-Served-By.")
public final class PlayerCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL", description = "The MPD URL.")
  String url;

  @Option(names = "--proxy", paramLabel = "URL",
      description = "HTTP proxy for every request, e.g. http://127.0.0.1:8080.")
  String proxy;

  @Option(names = "--duration", paramLabel = "S",
      description = "Stop after S seconds of content (default: all; 60 for a live MPD).")
  Double duration;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Write the report as JSON to FILE ('-' for standard output).")
  String json;

  private static URI proxyUri(String text) {
    String expected = "--proxy: " + text + " (expected: http://host:port)";
    try {
      URI uri = URI.create(text);
      if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
          || uri.getPort() < 0) {
        throw new IllegalArgumentException(expected);
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(expected, e);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PlayerConfig.Builder config = PlayerConfig.builder();
    try {
      if (proxy != null) {
        config.proxy(proxyUri(proxy));
      }
      if (duration != null) {
        if (!(duration > 0) || duration > 1e9) {
          throw new IllegalArgumentException("--duration: " + duration + " (expected: > 0)");
        }
        config.maxContent(Duration.ofNanos((long) (duration * 1e9)));
      }
      config.build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    QoeReport report;
    try {
      report = new PlayerEmulator(config.build(), PlaybackClock.SYSTEM).play(url);
    } catch (PlayerException e) {
      err.println("player: " + e.getMessage());
      return 1;
    }
    out.println(report.summary());
    report.errors().forEach(e -> err.println("player: " + e));
    if (json != null) {
      if (json.equals("-")) {
        out.println(report.toJson());
      } else {
        try {
          Files.writeString(Path.of(json), report.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          err.println("player: --json " + json + ": " + e.getMessage());
          return 1;
        }
      }
    }
    out.flush();
    err.flush();
    return report.errors().isEmpty() ? 0 : 1;
  }
}
