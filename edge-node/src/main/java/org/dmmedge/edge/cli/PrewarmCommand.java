package org.dmmedge.edge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dmm-edge prewarm (--urls FILE | --mpd URL)}: starts a pre-warming job on a node and
 * follows it to its end, with a live bar on a terminal and plain lines otherwise.
 */
@Command(
    name = "prewarm",
    mixinStandardHelpOptions = true,
    description = "Pre-warm a node's cache from a URL list or an MPD and show the progress.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every URL is cached", "1:some URLs failed, the job was cancelled, or "
        + "the admin API failed", "2:bad usage or a request the API called bad"})
final class PrewarmCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin AdminClient client;

  @ArgGroup(multiplicity = "1") Source source;

  static final class Source {
    @Option(names = "--urls", paramLabel = "FILE", required = true,
        description = "One absolute URL per line ('#' starts a comment).")
    Path urls;

    @Option(names = "--mpd", paramLabel = "URL", required = true,
        description = "A DASH MPD as clients request it: warm its segments.")
    String mpd;
  }

  @Option(names = "--representations", paramLabel = "IDS", split = ",",
      description = "With --mpd: Representation ids to warm (default: all).")
  List<String> representations;

  @Option(names = "--max-segments", paramLabel = "N",
      description = "With --mpd: at most N media segments per Representation.")
  Integer maxSegments;

  @Option(names = "--interval", paramLabel = "MILLIS", defaultValue = "500",
      description = "How often progress is polled (default: ${DEFAULT-VALUE} ms).")
  long intervalMillis;

  @Option(names = "--plain", description = "Plain progress lines even on a terminal.")
  boolean plain;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (intervalMillis < 10) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--interval: " + intervalMillis + " (expected: >= 10)");
    }
    Map<String, Object> body;
    try {
      body = body();
    } catch (IOException e) {
      err.println("dmm-edge prewarm: --urls: " + source.urls + " (expected: a readable file; "
          + e.getClass().getSimpleName() + ")");
      err.flush();
      return 2;
    }
    boolean bar = !plain && System.console() != null;
    try {
      JsonNode progress = client.post("/admin/prewarm", body);
      String id = progress.path("id").asText();
      String last = "";
      while (true) {
        String line = bar ? ProgressLine.bar(progress) : ProgressLine.plain(progress);
        if (!line.equals(last)) {
          if (bar) {
            out.print(line);
          } else {
            out.println(line);
          }
          out.flush();
          last = line;
        }
        if (!progress.path("state").asText().equals("running")) {
          break;
        }
        Thread.sleep(intervalMillis);
        progress = client.get("/admin/prewarm/" + id);
      }
      if (bar) {
        out.println();
      }
      for (JsonNode f : progress.path("failures")) {
        out.println("failed: " + f.path("url").asText() + ": " + f.path("reason").asText());
      }
      out.flush();
      boolean ok = progress.path("state").asText().equals("done")
          && progress.path("failed").asLong() == 0;
      return ok ? 0 : 1;
    } catch (AdminClient.AdminCallException e) {
      err.println("dmm-edge prewarm: " + e.getMessage());
      err.flush();
      return e.exitCode;
    }
  }

  private Map<String, Object> body() throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    if (source.urls != null) {
      if (representations != null || maxSegments != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--representations and --max-segments go with --mpd only");
      }
      body.put("urls", Files.readAllLines(source.urls).stream().map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList()));
      return body;
    }
    body.put("mpd", source.mpd);
    body.put("representations", representations == null ? "all" : representations);
    if (maxSegments != null) {
      body.put("maxSegments", maxSegments);
    }
    return body;
  }
}
