package org.dmmedge.edge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Renders a pre-warming job's progress: a bar redrawn in place on a terminal
 * ({@code [#####-----] 120/200  3.2 MB/s  ETA 12s}), or one plain line per change otherwise
 * (logs and pipes).
 */
final class ProgressLine {
  private static final int WIDTH = 30;

  private ProgressLine() {}

  static String bar(JsonNode p) {
    long total = p.path("total").asLong();
    long done = p.path("done").asLong();
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    return "\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + counts(p) + "  "
        + rate(p) + "  ETA " + eta(p) + "   ";
  }

  static String plain(JsonNode p) {
    return "prewarm " + p.path("id").asText() + " " + p.path("state").asText() + ": "
        + counts(p) + ", " + p.path("failed").asLong() + " failed, " + rate(p) + ", ETA "
        + eta(p);
  }

  private static String counts(JsonNode p) {
    return p.path("done").asLong() + "/" + p.path("total").asLong();
  }

  private static String rate(JsonNode p) {
    return String.format(Locale.ROOT, "%.1f MB/s", p.path("bytesPerSecond").asDouble() / 1e6);
  }

  private static String eta(JsonNode p) {
    JsonNode eta = p.path("etaSeconds");
    if (eta.isNull() || eta.isMissingNode()) {
      return "?";
    }
    long s = Math.round(eta.asDouble());
    return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m"
        : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
  }
}
