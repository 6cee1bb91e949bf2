package org.dmmedge.edge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dmmedge.edge.config.CmdConfigLoader;
import org.dmmedge.edge.config.ConfigException;
import org.dmmedge.edge.config.ConfigLoader;
import org.dmmedge.edge.config.EdgeConfig;
import org.dmmedge.mobility.cmd.CmdConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dmm-edge check-config FILE}: validates an edge node's or a CMD's file (a CMD file has
 * the top-level {@code cmd:} mapping) without starting anything; prints every problem, each
 * naming its field and value.
 */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = "Validate a node's (or the CMD's) YAML file without starting it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the file is valid", "2:the file is invalid (one line per problem)"})
final class CheckConfigCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The YAML file to check.")
  Path file;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Override a field before checking (repeatable).")
  List<String> overrides;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      ObjectNode tree = ConfigFiles.tree(file, overrides);
      if (CmdConfigLoader.isCmd(tree)) {
        CmdConfig cmd = CmdConfigLoader.read(tree);
        out.println(file + ": ok (CMD on " + cmd.transport().bind() + ", " + cmd.mode()
            .name().toLowerCase() + " mode, " + cmd.securityAssociations().size()
            + " security association(s))");
      } else {
        EdgeConfig edge = ConfigLoader.read(tree);
        out.println(file + ": ok (edge node " + edge.name() + ", "
            + edge.server().mode().name().toLowerCase() + " proxy on " + edge.server().listen()
            + (edge.admin().enabled() ? ", admin on " + edge.admin().listen() : ", no admin")
            + ")");
      }
      out.flush();
      return 0;
    } catch (ConfigException e) {
      return ConfigFiles.report(spec.commandLine().getErr(), "check-config", e);
    }
  }
}
