package org.dmmedge.edge.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.dmmedge.edge.config.ConfigException;
import org.dmmedge.edge.config.ConfigLoader;

/** Reading a configuration file with {@code --set} overrides, and reporting its problems. */
final class ConfigFiles {
  private ConfigFiles() {}

  /** The file's tree (an empty one for no file) with every override applied in order. */
  static ObjectNode tree(Path file, List<String> overrides) {
    ObjectNode tree = file == null
        ? JsonNodeFactory.instance.objectNode() : ConfigLoader.readTree(file);
    if (overrides != null) {
      overrides.forEach(o -> ConfigLoader.override(tree, o));
    }
    return tree;
  }

  /** Prints one line per problem, prefixed with the command; returns exit status 2. */
  static int report(PrintWriter err, String command, ConfigException e) {
    e.problems().forEach(p -> err.println("dmm-edge " + command + ": " + p));
    err.flush();
    return 2;
  }
}
