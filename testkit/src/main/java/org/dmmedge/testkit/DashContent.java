package org.dmmedge.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real DASH content made by Debian's ffmpeg at test time: 8 s of the lavfi test pattern, two
 * H.264 Representations in one AdaptationSet (id 0: 150 kbit/s 160x90, id 1: 400 kbit/s
 * 320x180) and a 440 Hz AAC audio AdaptationSet (id 2, 64 kbit/s; segments of 1.984 s and
 * 2.005 s), 2 s segments, SegmentTemplate with $Number%05d$ and SegmentTimelines. Tests that need it are
 * skipped (with the reason) when ffmpeg is not installed. Used by mpd-tools' player tests and
 * edge-node's DASH prefetch tests.
 */
public final class DashContent {
  public static final String MPD = "manifest.mpd";

  private DashContent() {}

  public static void generate(Path dir) throws IOException, InterruptedException {
    assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed (.ci/run installs Debian's ffmpeg)");
    Path log = dir.resolve("ffmpeg.log");
    Process p = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-loglevel", "error",
        "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "8",
        "-map", "0:v", "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast",
        "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
        "-b:v:0", "150k", "-s:v:0", "160x90", "-b:v:1", "400k", "-c:a", "aac", "-b:a", "64k",
        "-seg_duration", "2", "-adaptation_sets", "id=0,streams=v id=1,streams=a",
        "-f", "dash", MPD))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("ffmpeg: no result after 120 s");
      }
    } finally {
      p.destroyForcibly();
    }
    if (p.exitValue() != 0 || !Files.exists(dir.resolve(MPD))) {
      throw new IllegalStateException("ffmpeg: exit " + p.exitValue() + ": "
          + Files.readString(log));
    }
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }
}
