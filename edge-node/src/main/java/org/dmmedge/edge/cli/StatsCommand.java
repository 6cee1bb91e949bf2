package org.dmmedge.edge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dmm-edge stats [--entry URL]}: the cache's statistics, or one entry, as JSON. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Print a node's cache statistics (or one stored entry) as JSON.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "1:the admin API failed (or the entry is not stored)",
        "2:bad usage"})
final class StatsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin AdminClient client;

  @Option(names = "--entry", paramLabel = "URL",
      description = "Show this stored entry (headers, size, age, freshness left) instead.")
  String entry;

  @Override
  public Integer call() throws JsonProcessingException {
    try {
      var json = entry == null ? client.get("/admin/cache/stats")
          : client.get("/admin/cache/entry?url="
              + java.net.URLEncoder.encode(entry, java.nio.charset.StandardCharsets.UTF_8));
      spec.commandLine().getOut().println(
          AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (AdminClient.AdminCallException e) {
      spec.commandLine().getErr().println("dmm-edge stats: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return e.exitCode;
    }
  }
}
