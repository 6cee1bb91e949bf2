package org.dmmedge.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code dmm-edge cmd --config conf/cmd.yaml} as a real process, stopped by SIGTERM. */
class CmdCommandIT {
  @Test
  void runsTheCmdFromTheSampleFileUntilSigterm() throws Exception {
    Process process = cmd("--set", "cmd.listen=127.0.0.1:0");
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      String listening = null;
      while ((line = out.readLine()) != null) { // null once the process ends (watchdog)
        if (line.startsWith("dmm-edge cmd: listening on ")) {
          listening = line;
          break;
        }
      }
      assertThat(listening).as("the CMD reports where it listens").isNotNull()
          .contains("127.0.0.1");
      process.destroy(); // SIGTERM: the shutdown hook closes the CMD
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Starts {@code dmm-edge cmd --config ../conf/cmd.yaml ARGS} in a child JVM on this test's
   * classpath; a watchdog kills it after 30 s so reading its output can never hang the build.
   */
  private static Process cmd(String... args) throws java.io.IOException {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(javaBin.toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "cmd", "--config",
        "../conf/cmd.yaml"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    java.util.concurrent.CompletableFuture.runAsync(process::destroyForcibly,
        java.util.concurrent.CompletableFuture.delayedExecutor(30, TimeUnit.SECONDS));
    return process;
  }

  @Test
  void aBadCmdFileExitsWith2NamingTheField() throws Exception {
    Process process = cmd("--set", "cmd.mode=central");
    try {
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(2);
      assertThat(output).contains("dmm-edge cmd: cmd.mode: central (expected: one of relay, "
          + "proxy)");
    } finally {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
