package org.dmmedge.mpd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmmedge.mpd.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mpd list} and {@code mpd check}, run in-process as the launcher runs them. */
class MpdCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new MpdCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void listPrintsInitThenMediaPerRepresentationWithTheBaseUrl() {
    int code = run("list", Corpus.file("shaka-player__dash-aes-128_dash.mpd").toString(),
        "--base-url", "https://cdn.example/show/manifest.mpd");
    assertThat(code).isZero();
    assertThat(out.toString().lines()).containsExactly(
        "https://cdn.example/show/Fragments(video=i,format=mpd-time-csf)",
        "https://cdn.example/show/Fragments(video=0,format=mpd-time-csf)",
        "https://cdn.example/show/Fragments(video=20000000,format=mpd-time-csf)",
        "https://cdn.example/show/Fragments(video=40000000,format=mpd-time-csf)",
        "https://cdn.example/show/Fragments(video=60000000,format=mpd-time-csf)");
  }

  @Test
  void listOneRepresentationOfALiveMpdAtAnInstant() throws Exception {
    Path file = dir.resolve("live.mpd");
    Files.copy(MpdCommandTest.class.getResourceAsStream("/fixtures/timeline-r-minus-1-live.mpd"),
        file);
    int code = run("list", file.toString(), "--representation", "high",
        "--at", "2026-01-01T00:00:07Z", "--base-url", "http://edge/ch/m.mpd");
    assertThat(code).isZero();
    assertThat(out.toString().lines()).containsExactly("http://edge/ch/init.mp4",
        "http://edge/ch/seg-0001.m4s", "http://edge/ch/seg-0002.m4s",
        "http://edge/ch/seg-0003.m4s");
  }

  @Test
  void listWithoutBaseUrlResolvesAgainstTheFile() {
    int code = run("list", Corpus.file("shaka-player__dv-p8-1-hevc_manifest.mpd").toString());
    assertThat(code).isZero();
    assertThat(out.toString().lines()).allMatch(l -> l.startsWith("file:/"))
        .first().asString().endsWith("media-video-hvc1-dvh1-db1p-1.mp4\tbytes=0-802");
  }

  @Test
  void badUsageIsExitTwoAndNamesTheOption() {
    assertThat(run("list", Corpus.file("shaka-player__dash-aes-128_dash.mpd").toString(),
        "--at", "yesterday")).isEqualTo(2);
    assertThat(err.toString()).contains("--at: yesterday (expected: an ISO-8601 instant");
    assertThat(run("list", Corpus.file("shaka-player__dash-aes-128_dash.mpd").toString(),
        "--representation", "nope")).isEqualTo(2);
    assertThat(err.toString()).contains("--representation: nope (expected: one of [1_V_video_8])");
  }

  @Test
  void missingSubcommandIsUsage() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand");
  }

  @Test
  void missingFileIsExitOne() {
    assertThat(run("list", dir.resolve("none.mpd").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("none.mpd: no such file");
  }

  @Test
  void checkValidAndInvalid() throws Exception {
    assertThat(run("check", Corpus.file("shaka-player__6339_master.mpd").toString())).isZero();
    assertThat(out.toString()).contains(": valid (static, 1 periods, 2 representations, 17 segments)");

    Path bad = dir.resolve("bad.mpd");
    Files.writeString(bad, """
        <MPD type="static" mediaPresentationDuration="PT10S">
          <Period>
            <AdaptationSet>
              <SegmentTemplate media="$Number$.m4s" duration="0"/>
              <Representation id="a" bandwidth="1"/>
              <Representation id="b" bandwidth="x"/>
            </AdaptationSet>
          </Period>
        </MPD>
        """);
    assertThat(run("check", bad.toString())).isEqualTo(1);
    assertThat(out.toString().lines()).contains(
        "line 4: SegmentTemplate@duration: 0 (expected: an integer in 1..4294967295)",
        "line 6: Representation@bandwidth: x (expected: an integer in 0..9223372036854775807)",
        bad + ": invalid (2 problems)");
  }

  @Test
  void checkPrintsToleratedDeparturesAsWarningsAndStaysValid() {
    String file = Corpus.file("go-dash__segment_timeline_multi_period.mpd").toString();
    assertThat(run("check", file)).isZero();
    assertThat(out.toString().lines()).containsExactly(
        "warning: line 66: Period@start: PT1M30S (expected: before"
            + " MPD@mediaPresentationDuration PT1M5.063S)",
        file + ": valid (static, 4 periods, 12 representations, 169 segments, 1 warnings)");
  }

  @Test
  void checkReportsEnumerationProblemsWithTheRepresentationLine() throws Exception {
    Path bad = dir.resolve("open.mpd");
    Files.writeString(bad, """
        <MPD type="static">
          <Period start="PT0S">
            <AdaptationSet>
              <SegmentTemplate media="$Number$.m4s" duration="2"/>
              <Representation id="a" bandwidth="1"/>
            </AdaptationSet>
          </Period>
        </MPD>
        """);
    assertThat(run("check", bad.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("line 5: Period #0 / Representation a (line 5): Period"
        + " end: (unknown) (expected: MPD@mediaPresentationDuration, Period@duration or a next"
        + " Period@start)");
  }
}
