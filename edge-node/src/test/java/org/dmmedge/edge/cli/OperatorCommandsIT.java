package org.dmmedge.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.edge.EdgeNode;
import org.dmmedge.edge.Http;
import org.dmmedge.edge.config.AdminConfig;
import org.dmmedge.edge.config.Cidr;
import org.dmmedge.edge.config.EdgeConfig;
import org.dmmedge.edge.config.HostPort;
import org.dmmedge.edge.config.LoggingConfig;
import org.dmmedge.edge.config.OriginsConfig;
import org.dmmedge.edge.config.ProxyMode;
import org.dmmedge.edge.config.ServerConfig;
import org.dmmedge.origin.OriginClientConfig;
import org.dmmedge.testkit.MutableClock;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator commands (prewarm, purge, stats) against a real node's admin API. */
class OperatorCommandsIT {
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();
  private static final String TOKEN = "cli-token";
  private static EdgeNode node;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() throws Exception {
    AdminConfig admin = new AdminConfig(true, new HostPort("127.0.0.1", 0), Optional.of(TOKEN),
        64 * 1024, List.of(Cidr.parse("127.0.0.0/8")), 2, 0, 1000);
    EdgeConfig config = new EdgeConfig("cli-test",
        new ServerConfig(new HostPort("127.0.0.1", 0), ProxyMode.REVERSE, 8 * 1024, 2 * 1024,
            Duration.ofSeconds(30), Duration.ofSeconds(5), 1),
        new OriginsConfig(Optional.of(ORIGIN.uri()), Map.of()),
        OriginClientConfig.builder().responseTimeout(Duration.ofSeconds(10)).build(),
        CacheConfig.builder().memoryBudgetBytes(16L << 20).build(), false, admin,
        LoggingConfig.defaults(), Optional.empty());
    node = new EdgeNode(config, MutableClock.startingNow());
    node.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private static String adminUrl() {
    return "http://127.0.0.1:" + node.admin().orElseThrow().localAddress().getPort();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + node.localAddress().getPort() + path;
  }

  @Test
  void prewarmFromAFileShowsPlainProgressAndEndsCached(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 5; i++) {
      ORIGIN.respond("/cli/" + i, OriginReply.builder().body("c" + i)
          .header("Cache-Control", "max-age=600").build());
    }
    Path list = Files.writeString(dir.resolve("urls.txt"), "# warm these\n"
        + String.join("\n", List.of(url("/cli/0"), url("/cli/1"), url("/cli/2"), "",
            url("/cli/3"), url("/cli/4"))) + "\n");
    int code = run("prewarm", "--admin", adminUrl(), "--token", TOKEN, "--urls",
        list.toString(), "--interval", "10");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("done: 5/5, 0 failed");
    for (int i = 0; i < 5; i++) {
      assertThat(Http.getText(URI.create(url("/cli/" + i))).headers().firstValue("X-Cache"))
          .contains("HIT");
    }
  }

  @Test
  void prewarmWithFailuresExitsWith1AndListsThem(@TempDir Path dir) throws Exception {
    Path list = Files.writeString(dir.resolve("urls.txt"), url("/cli/none") + "\n");
    assertThat(run("prewarm", "--admin", adminUrl(), "--token", TOKEN, "--urls",
        list.toString(), "--interval", "10")).isEqualTo(1);
    assertThat(out.toString()).contains("failed: " + url("/cli/none") + ": origin answered 404");
  }

  @Test
  void purgeAndStats() throws Exception {
    ORIGIN.respond("/cli/p", OriginReply.builder().body("p").header("Cache-Control",
        "max-age=600").build());
    Http.getText(URI.create(url("/cli/p")));
    org.dmmedge.edge.admin.Fills.awaitNone(node.cache());
    assertThat(run("stats", "--admin", adminUrl(), "--entry", url("/cli/p"))).isZero();
    assertThat(out.toString()).contains("\"status\" : 200");
    assertThat(run("purge", "--admin", adminUrl(), "--token", TOKEN, "--url", url("/cli/p")))
        .isZero();
    assertThat(out.toString()).contains("purged 1 entry");
    assertThat(run("stats", "--admin", adminUrl())).isZero();
    assertThat(out.toString()).contains("\"hitRatio\"");
    assertThat(run("stats", "--admin", adminUrl(), "--entry", url("/cli/p"))).isEqualTo(1);
  }

  @Test
  void refusalsAndUnreachableAdmin() {
    assertThat(run("purge", "--admin", adminUrl(), "--token", "wrong", "--prefix",
        url("/"))).isEqualTo(1);
    assertThat(err.toString()).contains("wrong token (HTTP 403)");
    assertThat(run("purge", "--admin", adminUrl(), "--token", TOKEN, "--url", "relative"))
        .isEqualTo(2);
    assertThat(run("stats", "--admin", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(err.toString()).contains("unreachable");
  }
}
