package org.dmmedge.edge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.dmmedge.edge.EdgeNode;
import org.dmmedge.edge.config.ConfigException;
import org.dmmedge.edge.config.ConfigLoader;
import org.dmmedge.edge.config.EdgeConfig;
import org.dmmedge.edge.logging.LogSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dmm-edge edge}: runs an edge node until interrupted (SIGINT/SIGTERM stop it
 * gracefully). With no file and no flags it is a forward proxy on 127.0.0.1:8080 that also
 * serves origin-form requests by their Host header. Flags override the file's fields.
 */
@Command(
    name = "edge",
    mixinStandardHelpOptions = true,
    description = "Run an edge node (proxy cache).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:failed while running", "2:bad flags or configuration"})
final class EdgeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "The node's YAML file.")
  Path configFile;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Where to accept clients (server.listen).")
  String listen;

  @Option(names = "--origin", paramLabel = "URL",
      description = "Reverse-proxy everything to this origin (origins.default, reverse mode).")
  String origin;

  @Option(names = "--name", paramLabel = "NAME", description = "This node's name (name).")
  String name;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Override any field of the file, e.g. --set admin.listen=0.0.0.0:9090 "
          + "(repeatable; applied after the file, before the flags above).")
  List<String> overrides;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    EdgeConfig config;
    try {
      config = config();
    } catch (ConfigException e) {
      return ConfigFiles.report(err, "edge", e);
    }
    LogSetup.apply(config.logging());
    EdgeNode node = new EdgeNode(config, Clock.systemUTC());
    try {
      node.start();
    } catch (RuntimeException e) {
      err.println("dmm-edge edge: cannot start: " + e.getMessage());
      err.flush();
      return 1;
    }
    Shutdown.awaitSignal("edge-shutdown", node::close);
    return 0;
  }

  /** The file (or the embedded default) with the flags applied, validated. */
  EdgeConfig config() {
    ObjectNode tree = ConfigFiles.tree(configFile, overrides);
    if (listen != null) {
      ConfigLoader.set(tree, "server.listen", listen);
    }
    if (origin != null) {
      ConfigLoader.set(tree, "server.mode", "reverse");
      ConfigLoader.set(tree, "origins.default", origin);
    }
    if (name != null) {
      ConfigLoader.set(tree, "name", name);
    }
    return ConfigLoader.read(tree);
  }
}
