package org.dmmedge.mpd.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --at INSTANT} option shared by the mpd subcommands (a picocli mixin). */
final class InstantOption {
  @Option(names = "--at", paramLabel = "INSTANT",
      description = "Wall-clock instant to enumerate a dynamic MPD at, ISO-8601 (default: now).")
  String at;

  /** The instant given, or now; a bad value is a usage error naming the option. */
  Instant instant(CommandLine.Model.CommandSpec spec) {
    if (at == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--at: " + at + " (expected: an ISO-8601 instant such as 2024-01-01T00:00:00Z)");
    }
  }
}
