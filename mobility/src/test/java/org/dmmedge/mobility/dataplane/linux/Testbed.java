package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dmmedge.testkit.Commands;

/**
 * The namespace test bed of {@code conf/testbed/} driven from a test: {@link #up()} builds it
 * under a prefix owned by this JVM, {@link #close()} tears it down and checks that nothing is
 * left. Every command has a time bound; a command that fails throws with its output.
 */
final class Testbed implements AutoCloseable {

  /** All test beds of one JVM share a prefix: classes using one never run in parallel. */
  static final String LOCK = "namespace-testbed";

  static final Path SCRIPTS = Path.of("..", "conf", "testbed").toAbsolutePath().normalize();
  /**
   * Multiplies every time bound of the test bed's waits (system property {@code
   * dmm.testbed.timeScale}, default 1): under CPU emulation ({@code conf/testbed/kernel-vm.sh})
   * each process start takes a second or more, so up.sh alone would exceed 30 s.
   */
  private static final long TIME_SCALE = Math.max(1, Long.getLong("dmm.testbed.timeScale", 1));
  private static final Duration COMMAND_LIMIT = Commands.LIMIT.multipliedBy(TIME_SCALE);

  final String prefix;

  private Testbed(String prefix) {
    this.prefix = prefix;
  }

  /** Skips the calling test unless it runs as root with {@code ip netns} available. */
  static void assumeCapable() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "namespace tests need Linux");
    assumeTrue("root".equals(System.getProperty("user.name")),
        "namespace tests need root (running as " + System.getProperty("user.name") + ")");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
        "namespace tests need iproute2 (ip netns)");
    assumeTrue(Commands.run(List.of("ip", "netns", "list")).exitCode() == 0, "ip netns is not usable here");
  }

  /** Skips the calling test unless {@code tool} (a Debian package's binary, see .ci/run) is installed. */
  static void assumeTool(String tool) {
    boolean found = Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/usr/bin", tool));
    assumeTrue(found, tool + " is not installed (.ci/run installs it when run as root)");
  }

  /** Builds the test bed (removing stale ones of dead JVMs first). */
  static Testbed up() {
    assumeCapable();
    Testbed bed = new Testbed("dmmtb" + ProcessHandle.current().pid());
    try {
      bed.script("up.sh");
    } catch (RuntimeException e) {
      bed.close();
      throw e;
    }
    return bed;
  }

  String ns(String node) {
    return prefix + "-" + node;
  }

  NetNamespace namespace(String node) {
    return NetNamespace.named(ns(node));
  }

  /** Moves the MN's access link from MAR {@code from} to MAR {@code to}. */
  void handover(String from, String to) {
    script("handover.sh", from, to);
  }

  /** Runs {@code command} inside {@code node}'s namespace; returns stdout, throws on failure. */
  String exec(String node, String... command) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
    argv.addAll(List.of(command));
    return checked(argv);
  }

  /** Starts a long-running process in {@code node}'s namespace; the caller destroys it. */
  Process start(String node, String... command) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
    argv.addAll(List.of(command));
    try {
      return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new IllegalStateException("start " + argv, e);
    }
  }

  /** {@code seconds} as a bound on a wait for something outside this JVM. */
  static long seconds(long seconds) {
    return seconds * TIME_SCALE;
  }

  /** A short pause between polls of a bounded wait on state outside this JVM. */
  static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Starts {@code command} in {@code node}'s namespace with stderr merged into stdout. */
  Process startMerged(String node, String... command) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
    argv.addAll(List.of(command));
    try {
      return new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("start " + argv, e);
    }
  }

  /** Tears down and asserts nothing of this test bed is left. */
  @Override
  public void close() {
    script("down.sh");
    Commands.Result check = Commands.run(List.of(SCRIPTS.resolve("check-clean.sh").toString(),
        prefix), COMMAND_LIMIT);
    assertThat(check.exitCode()).as("check-clean: " + check.output()).isZero();
  }

  /** {@link Commands#checked} with the scaled time bound. */
  private static String checked(List<String> argv) {
    Commands.Result result = Commands.run(argv, COMMAND_LIMIT);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " exited " + result.exitCode() + ": " + result.output());
    }
    return result.output();
  }

  void script(String name, String... args) {
    List<String> argv = new ArrayList<>(List.of(SCRIPTS.resolve(name).toString(), prefix));
    argv.addAll(List.of(args));
    checked(argv);
  }

}
