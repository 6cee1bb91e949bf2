package org.dmmedge.edge.cli;

import org.dmmedge.mpd.cli.MpdCommand;
import org.dmmedge.mpd.cli.PlayerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dmm-edge} command line: one entry point whose subcommands run an edge node, a CMD,
 * the MPD tools and the operator commands.
 *
 * <p>Exit codes: 0 success, 1 the command ran and failed (an invalid MPD, a failed prewarm),
 * 2 bad usage or invalid configuration (the message names the field and the value).
 */
@Command(
    name = "dmm-edge",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "CDN edge cache for DASH video with Distributed Mobility Management.",
    subcommands = {
      CommandLine.HelpCommand.class,
      EdgeCommand.class,
      CmdCommand.class,
      CheckConfigCommand.class,
      PrewarmCommand.class,
      PurgeCommand.class,
      StatsCommand.class,
      MpdCommand.class,
      PlayerCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the command ran and failed",
      "2:bad usage or invalid configuration"
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests to run commands in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }
}
