package org.dmmedge.mobility.dataplane.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real traffic through the test bed: the Python helpers of {@code conf/testbed/traffic}
 * run with /usr/bin/python3 inside namespaces (a paced TCP server, a download client, a
 * numbered UDP sender and receiver). Each started process is stopped by {@link #close()}.
 */
final class Traffic implements AutoCloseable {

  static final String PYTHON = "/usr/bin/python3";
  private final Testbed bed;
  private final List<Process> processes = new ArrayList<>();

  Traffic(Testbed bed) {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)),
        PYTHON + " is not installed (the traffic helpers run inside namespaces with it)");
    this.bed = bed;
  }

  /** Starts {@code script} in {@code node}, waiting (bounded) for its first line {@code ready}. */
  Process start(String node, String script, String ready, String... args) {
    List<String> argv = new ArrayList<>(List.of(PYTHON, script(script)));
    argv.addAll(List.of(args));
    Process p = bed.start(node, argv.toArray(String[]::new));
    processes.add(p);
    if (ready != null) {
      String first = firstLine(p);
      if (!ready.equals(first)) {
        throw new IllegalStateException(script + " in " + node + " said '" + first + "' (expected: " + ready + ")");
      }
    }
    return p;
  }

  /** Waits (bounded) for {@code p} to end and returns its remaining output lines. */
  static List<String> finish(Process p, long seconds) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      Thread drain = new Thread(() -> {
        try {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            synchronized (lines) {
              lines.add(line);
            }
          }
        } catch (IOException e) {
          // stream closed
        }
      });
      drain.start();
      if (!p.waitFor(Testbed.seconds(seconds), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("process did not end within " + Testbed.seconds(seconds) + " s");
      }
      drain.join(5000);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String script(String name) {
    Path path = Testbed.SCRIPTS.resolve("traffic").resolve(name);
    if (!Files.isReadable(path)) {
      throw new IllegalStateException("missing test helper " + path);
    }
    return path.toString();
  }

  /** The process's first output line, waiting at most 15 s, scaled (a helper that hangs is killed). */
  private static String firstLine(Process p) {
    java.util.concurrent.CompletableFuture<String> line =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> readLine(p.getInputStream()));
    try {
      return line.get(Testbed.seconds(15), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      p.destroyForcibly();
      return "(nothing within " + Testbed.seconds(15) + " s)";
    } catch (java.util.concurrent.ExecutionException e) {
      return "(read failed: " + e.getCause() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  private static String readLine(InputStream in) {
    StringBuilder line = new StringBuilder();
    try {
      for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
        line.append((char) c);
      }
    } catch (IOException e) {
      return "(read failed: " + e + ")";
    }
    return line.toString();
  }
}
