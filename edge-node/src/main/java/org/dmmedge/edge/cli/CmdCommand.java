package org.dmmedge.edge.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dmmedge.edge.config.CmdConfigLoader;
import org.dmmedge.edge.config.ConfigException;
import org.dmmedge.mobility.cmd.CmdConfig;
import org.dmmedge.mobility.cmd.CmdServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dmm-edge cmd --config FILE}: runs the Central Mobility Database until SIGINT/SIGTERM
 * (which stop it cleanly; its journal keeps the bindings for the next start).
 */
@Command(
    name = "cmd",
    mixinStandardHelpOptions = true,
    description = "Run the Central Mobility Database (CMD) of the DMM domain.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:failed to start or while running",
        "2:bad flags or configuration"})
final class CmdCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", required = true,
      description = "The CMD's YAML file (a top-level cmd: mapping; see conf/cmd.yaml).")
  Path configFile;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Override a field, e.g. --set cmd.listen=[::]:5436 (repeatable).")
  List<String> overrides;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    CmdConfig config;
    try {
      config = CmdConfigLoader.read(ConfigFiles.tree(configFile, overrides));
    } catch (ConfigException e) {
      return ConfigFiles.report(err, "cmd", e);
    }
    CmdServer server;
    try {
      server = CmdServer.start(config);
    } catch (RuntimeException e) {
      err.println("dmm-edge cmd: cannot start: " + e.getMessage());
      err.flush();
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("dmm-edge cmd: listening on " + server.localAddress()
        + server.adminAddress().map(a -> ", admin on " + a).orElse(""));
    out.flush();
    Shutdown.awaitSignal("cmd-shutdown", server::close);
    return 0;
  }
}
