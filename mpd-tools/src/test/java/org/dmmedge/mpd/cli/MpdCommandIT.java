package org.dmmedge.mpd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmmedge.mpd.Corpus;
import org.dmmedge.mpd.player.OriginServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mpd list URL} and {@code mpd check URL} fetch the MPD from a real Jetty. */
class MpdCommandIT {
  @TempDir Path root;

  @Test
  void listResolvesAgainstTheUrlTheMpdWasFetchedFrom() throws Exception {
    Files.createDirectories(root.resolve("show"));
    Files.copy(Corpus.file("shaka-player__6339_master.mpd"), root.resolve("show/master.mpd"));
    try (OriginServer origin = new OriginServer(root, "o", false, path -> {})) {
      StringWriter out = new StringWriter();
      CommandLine cmd = new CommandLine(new MpdCommand());
      cmd.setOut(new PrintWriter(out, true));
      int code = cmd.execute("list", origin.url("show/master.mpd"), "--representation",
          "b68693a7-abb2-42bb-8d61-3646905df87a");
      assertThat(code).isZero();
      assertThat(out.toString().lines()).hasSize(13)
          .startsWith(origin.url("show/a.mp4") + "\tbytes=36-663",
              origin.url("show/a.mp4") + "\tbytes=664-3020")
          .endsWith(origin.url("show/a.mp4") + "\tbytes=26460-28799");

      StringWriter err = new StringWriter();
      cmd.setErr(new PrintWriter(err, true));
      assertThat(cmd.execute("list", origin.url("show/none.mpd"))).isEqualTo(1);
      assertThat(err.toString()).contains("show/none.mpd: HTTP status 404 (expected: 2xx)");
    }
  }
}
