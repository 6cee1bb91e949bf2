package org.dmmedge.edge.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dmm-edge purge (--url URL | --prefix PREFIX)} through the admin API. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = "Remove one URL, or every URL under a prefix, from a node's cache.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:purged (the count is printed)", "1:the admin API failed or refused",
        "2:bad usage or a request the API called bad"})
final class PurgeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin AdminClient client;

  @ArgGroup(multiplicity = "1") Target target;

  static final class Target {
    @Option(names = "--url", paramLabel = "URL", required = true,
        description = "An absolute URL as clients request it.")
    String url;

    @Option(names = "--prefix", paramLabel = "PREFIX", required = true,
        description = "An absolute URL prefix, e.g. http://cdn.example/videos/.")
    String prefix;
  }

  @Override
  public Integer call() {
    Map<String, String> body = target.url != null ? Map.of("url", target.url)
        : Map.of("prefix", target.prefix);
    try {
      var result = client.post("/admin/purge", body);
      spec.commandLine().getOut().println("purged " + result.path("purged").asLong()
          + " entr" + (result.path("purged").asLong() == 1 ? "y" : "ies"));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (AdminClient.AdminCallException e) {
      spec.commandLine().getErr().println("dmm-edge purge: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return e.exitCode;
    }
  }
}
