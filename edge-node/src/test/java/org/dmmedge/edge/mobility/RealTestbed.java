package org.dmmedge.edge.mobility;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.dmmedge.testkit.Commands;

/**
 * The DMM test bed of {@code conf/testbed/} with the real programs in it: namespaces from
 * {@code up.sh}, the {@code dmm-edge} jar as CMD and as edge node on each MAR, the Python
 * origin, and whatever traffic a test starts. Every process it starts is stopped and every
 * namespace removed by {@link #close()}, which then runs {@code check-clean.sh} and fails if
 * anything is left (also after a failed test: close runs in {@code finally}).
 *
 * <p>Processes write their output to {@code target/testbed/<name>.log}; {@link #log} reads it.
 */
final class RealTestbed implements AutoCloseable {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path SCRIPTS = ROOT.resolve("conf/testbed");
  static final Path JAR = ROOT.resolve("edge-node/target/dmm-edge.jar");
  static final String PYTHON = "/usr/bin/python3";
  private static final Path LOGS = ROOT.resolve("edge-node/target/testbed");

  final String prefix = "dmmtb" + ProcessHandle.current().pid();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private boolean closed;

  private RealTestbed() {}

  /** Skips the calling test unless this machine can run the test bed (root, ip netns, tools). */
  static void assumeCapable() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the test bed needs Linux");
    assumeTrue("root".equals(System.getProperty("user.name")),
        "the test bed needs root (network namespaces); run as root or under conf/testbed/unprivileged.sh");
    assumeTrue(Commands.run(List.of("ip", "netns", "list")).exitCode() == 0, "ip netns is not usable here");
    assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is missing (origin and traffic helpers)");
    assumeTrue(Commands.run(List.of("nft", "--version")).exitCode() == 0, "nft is missing (interception)");
    assumeTrue(Commands.run(List.of("curl", "--version")).exitCode() == 0, "curl is missing (the MN's client)");
    assumeTrue(Files.isReadable(JAR), JAR + " is missing: run through mvn verify (package runs first)");
    assumeTrue(Commands.run(List.of(java(), "-jar", JAR.toString(), "cmd", "--help")).exitCode() == 0,
        "this dmm-edge has no cmd command (it comes with the ops branch)");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Builds the namespaces; on failure nothing is left. */
  static RealTestbed up() throws IOException {
    assumeCapable();
    Files.createDirectories(LOGS);
    RealTestbed bed = new RealTestbed();
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

  /** Starts {@code dmm-edge <args>} in {@code node}; its output goes to the log {@code name}. */
  Process startDmmEdge(String name, String node, String... args) {
    List<String> argv = new ArrayList<>(List.of(java(), "-Xmx256m",
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
    argv.addAll(List.of(args));
    return start(name, node, argv);
  }

  /** Starts a Python helper of {@code conf/testbed/traffic} in {@code node}. */
  Process startPython(String name, String node, String script, String... args) {
    List<String> argv = new ArrayList<>(List.of(PYTHON, "-u",
        SCRIPTS.resolve("traffic").resolve(script).toString()));
    argv.addAll(List.of(args));
    return start(name, node, argv);
  }

  /** Starts a command in {@code node}, output to the log {@code name}. */
  Process start(String name, String node, List<String> command) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
    argv.addAll(command);
    try {
      Path log = LOGS.resolve(name + ".log");
      Process p = new ProcessBuilder(argv).directory(ROOT.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      processes.put(name, p);
      return p;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + argv, e);
    }
  }

  /** What the process {@code name} wrote so far. */
  String log(String name) {
    try {
      return Files.readString(LOGS.resolve(name + ".log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Runs a command in {@code node} and returns its output; fails on a non-zero exit. */
  String exec(String node, String... command) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
    argv.addAll(List.of(command));
    return Commands.checked(argv);
  }

  /** Moves the MN's access link from one MAR to another ({@code handover.sh}). */
  void handover(String from, String to) {
    script("handover.sh", from, to);
  }

  /** Waits for {@code condition} at most {@code limit}, polling; fails naming {@code what}. */
  static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /** Stops every process (SIGTERM, then SIGKILL), deletes the namespaces, checks nothing is left. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<String> names = new ArrayList<>(processes.keySet());
    java.util.Collections.reverse(names);
    for (String name : names) {
      processes.get(name).destroy();
    }
    for (String name : names) {
      Process p = processes.get(name);
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    Commands.Result down = Commands.run(List.of(SCRIPTS.resolve("down.sh").toString(), prefix));
    Commands.Result check = Commands.run(List.of(SCRIPTS.resolve("check-clean.sh").toString(),
        prefix));
    if (check.exitCode() != 0) {
      throw new AssertionError("test bed not clean after down.sh (" + down.output().strip() + "): "
          + check.output());
    }
  }

  private void script(String name, String... args) {
    List<String> argv = new ArrayList<>(List.of(SCRIPTS.resolve(name).toString(), prefix));
    argv.addAll(List.of(args));
    Commands.checked(argv);
  }

}
