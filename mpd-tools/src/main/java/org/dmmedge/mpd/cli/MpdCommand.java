package org.dmmedge.mpd.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dmmedge.mpd.MpdException;
import org.dmmedge.mpd.model.Mpd;
import org.dmmedge.mpd.model.RepresentationContext;
import org.dmmedge.mpd.parse.MpdParser;
import org.dmmedge.mpd.segment.SegmentEnumerator;
import org.dmmedge.mpd.segment.SegmentSequence;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dmm-edge mpd}: MPD tools. Exit codes: 0 success, 1 the MPD is invalid or cannot be
 * loaded, 2 bad usage.
 */
@Command(name = "mpd", mixinStandardHelpOptions = true,
    description = "DASH MPD tools: list segment URLs, check an MPD.",
    subcommands = {MpdCommand.ListCommand.class, MpdCommand.CheckCommand.class})
public final class MpdCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** {@code mpd list}: every absolute URL, one a line (init first, then media in order). */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"Print every segment URL of an MPD, one a line: per Representation (and"
          + " Period) the initialization segment first, then the media segments in order.",
          "A byte range, when the segment has one, follows the URL after a tab: bytes=a-b."})
  static final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL|FILE", description = "The MPD.")
    String source;

    @Option(names = "--base-url", paramLabel = "URL",
        description = "The URL the MPD was fetched from (needed for a local file whose"
            + " BaseURLs are relative).")
    String baseUrl;

    @Option(names = "--representation", paramLabel = "ID",
        description = "Only this Representation.")
    String representation;

    @CommandLine.Mixin InstantOption at;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Instant instant = at.instant(spec);
      Mpd mpd;
      try {
        mpd = MpdSource.load(source, Optional.ofNullable(baseUrl));
      } catch (IOException | UncheckedIOException | MpdException e) {
        err.println("mpd list: " + e.getMessage());
        return 1;
      }
      List<RepresentationContext> reps = mpd.representations()
          .filter(r -> representation == null || r.representation().id().equals(representation))
          .toList();
      if (reps.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--representation: "
            + representation + " (expected: one of " + mpd.representations()
            .map(r -> r.representation().id()).distinct().toList() + ")");
      }
      SegmentEnumerator enumerator = new SegmentEnumerator();
      try {
        for (RepresentationContext rep : reps) {
          SegmentSequence seq = enumerator.enumerate(rep, Optional.of(instant));
          seq.initialization().ifPresent(s -> out.println(s.toLine()));
          seq.forEach(s -> out.println(s.toLine()));
        }
      } catch (MpdException e) {
        out.flush();
        err.println("mpd list: " + e.getMessage());
        return 1;
      }
      out.flush();
      return 0;
    }
  }

  /** {@code mpd check}: every problem with its line; exit 1 when there is one. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Check an MPD: print every problem with its line number; exit 1 if any.",
          "Tolerated departures from the standard are printed as warnings (exit 0)."})
  static final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The MPD file (or URL).")
    String source;

    @CommandLine.Mixin InstantOption at;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      Instant instant = at.instant(spec);
      MpdParser.CheckResult result;
      try {
        MpdSource.Document d = MpdSource.read(source, Optional.empty());
        result = new MpdParser().check(new ByteArrayInputStream(d.body()), Optional.of(d.url()));
      } catch (IOException | UncheckedIOException e) {
        out.println(source + ": " + e.getMessage());
        out.flush();
        return 1;
      }
      result.warnings().forEach(w -> out.println("warning: " + w));
      if (result.mpd().isEmpty()) {
        result.problems().forEach(out::println);
        out.println(source + ": invalid (" + result.problems().size() + " problem"
            + (result.problems().size() == 1 ? "" : "s") + ")");
        out.flush();
        return 1;
      }
      Mpd mpd = result.mpd().get();
      int problems = 0;
      long segments = 0;
      SegmentEnumerator enumerator = new SegmentEnumerator();
      List<RepresentationContext> reps = mpd.representations().toList();
      for (RepresentationContext rep : reps) {
        try {
          segments += enumerator.enumerate(rep, Optional.of(instant)).size();
        } catch (MpdException e) {
          out.println("line " + rep.representation().line() + ": " + e.getMessage());
          problems++;
        }
      }
      if (problems > 0) {
        out.println(source + ": invalid (" + problems + " problem" + (problems == 1 ? "" : "s")
            + ")");
      } else {
        out.println(source + ": valid (" + mpd.type().name().toLowerCase() + ", "
            + mpd.periods().size() + " periods, " + reps.size() + " representations, "
            + segments + " segments" + (result.warnings().isEmpty() ? ""
            : ", " + result.warnings().size() + " warnings") + ")");
      }
      out.flush();
      return problems > 0 ? 1 : 0;
    }
  }
}
