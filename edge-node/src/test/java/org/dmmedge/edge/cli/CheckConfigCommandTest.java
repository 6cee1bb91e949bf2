package org.dmmedge.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code dmm-edge check-config}: exit codes and messages; every file in conf/ passes. */
class CheckConfigCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  static Stream<Path> confFiles() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("../conf"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("confFiles")
  void everyShippedConfigPasses(Path file) {
    assertThat(run("check-config", file.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains(": ok (");
  }

  @Test
  void theShippedFilesAreAllThere() throws Exception {
    assertThat(confFiles().map(p -> p.getFileName().toString()))
        .contains("edge.yaml", "mar1.yaml", "mar2.yaml", "mar3.yaml", "cmd.yaml");
  }

  @Test
  void anInvalidFileExitsWith2ListingEveryProblem(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"),
        "nmae: x\nserver: {ioThreads: 1000}\n");
    assertThat(run("check-config", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("dmm-edge check-config: nmae: unknown option",
        "dmm-edge check-config: server.ioThreads: 1000 (expected: an integer in 0..256)");
  }

  @Test
  void overridesAreCheckedToo() {
    assertThat(run("check-config", "../conf/edge.yaml", "--set", "admin.listen=0.0.0.0:9090"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("admin.token: none");
    assertThat(run("check-config", "../conf/edge.yaml", "--set", "admin.listen=0.0.0.0:9090",
        "--set", "admin.token=t0k3n")).isZero();
  }

  @Test
  void aMissingFileOrBadYamlExitsWith2() throws Exception {
    assertThat(run("check-config", "/nonexistent-dmm/edge.yaml")).isEqualTo(2);
    assertThat(err.toString()).contains("config: /nonexistent-dmm/edge.yaml (expected: a "
        + "readable file");
  }

  @Test
  void brokenYamlNamesTheLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("broken.yaml"), "server:\n  listen: [\n");
    assertThat(run("check-config", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("expected: valid YAML");
  }

  @Test
  void theEdgeRefusesAnExposedAdminWithoutTokenBeforeStarting() {
    assertThat(run("edge", "--config", "../conf/edge.yaml", "--set",
        "admin.listen=0.0.0.0:0")).isEqualTo(2);
    assertThat(err.toString()).contains("dmm-edge edge: admin.token: none");
  }

  @Test
  void usageErrorsExitWith2AndHelpWith0() {
    assertThat(run("check-config")).isEqualTo(2);
    for (String command : new String[] {"check-config", "prewarm", "purge", "stats", "cmd",
        "edge"}) {
      assertThat(run(command, "--help")).as(command).isZero();
    }
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).contains("dmm-edge");
    assertThat(run("prewarm", "--urls", "a", "--mpd", "b")).isEqualTo(2);
  }
}
