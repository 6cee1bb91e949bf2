package org.dmmedge.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command of the host (a test bed script, {@code ip}, a tool's {@code --version}) to its
 * end within a time bound, stdout and stderr together, stdin closed. Used by the namespace
 * test beds of mobility and edge-node.
 */
public final class Commands {
  /** The bound of {@link #run(List)} and {@link #checked(List)}. */
  public static final Duration LIMIT = Duration.ofSeconds(30);

  private Commands() {}

  /** How a command ended: its exit code (-1: it could not run or did not end) and output. */
  public record Result(int exitCode, String output) {}

  /** Runs {@code argv} within {@link #LIMIT}. */
  public static Result run(List<String> argv) {
    return run(argv, LIMIT);
  }

  /**
   * Runs {@code argv}; a command still running after {@code limit} is killed and reported as
   * exit -1 with what happened as output. Never throws for the command's sake.
   */
  public static Result run(List<String> argv, Duration limit) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getOutputStream().close();
      // Drained aside so that a command that hangs still meets the time bound.
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
        try {
          return p.getInputStream().readAllBytes();
        } catch (IOException e) {
          return e.toString().getBytes(StandardCharsets.UTF_8);
        }
      });
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Result(-1, String.join(" ", argv) + ": no exit within " + limit.toMillis()
            + " ms");
      }
      return new Result(p.exitValue(),
          new String(out.get(limit.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8));
    } catch (IOException | ExecutionException | TimeoutException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  /**
   * Runs {@code argv} within {@link #LIMIT} and returns its output.
   *
   * @throws IllegalStateException naming the command, its exit code and output when it fails
   */
  public static String checked(List<String> argv) {
    Result result = run(argv);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " exited " + result.exitCode()
          + ": " + result.output());
    }
    return result.output();
  }
}
