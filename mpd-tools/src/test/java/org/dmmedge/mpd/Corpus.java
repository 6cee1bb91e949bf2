package org.dmmedge.mpd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared corpus of real MPDs: {@code shared/dash-mpds} beside the repository root (a
 * fresh clone in CI has {@code shared/} next to it, as the worktrees have here). Found by
 * walking up from the module directory.
 */
public final class Corpus {
  private Corpus() {}

  public static Path dir() {
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("dash-mpds");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/dash-mpds: not found above "
        + Paths.get("").toAbsolutePath() + " (expected: shared/ beside the repository root)");
  }

  public static Path file(String name) {
    return dir().resolve(name);
  }

  public static List<Path> files() {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".mpd")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
