package org.dmmedge.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dmmedge.edge.EdgeNode;
import org.dmmedge.edge.Http;
import org.dmmedge.edge.config.EdgeConfig;
import org.dmmedge.edge.config.LoggingConfig;
import org.dmmedge.edge.logging.LogSetup;
import org.dmmedge.testkit.MutableClock;
import org.dmmedge.testkit.OriginReply;
import org.dmmedge.testkit.OriginServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The access log as JSON lines to a file, and log levels from the config. */
class AccessLogIT {
  @RegisterExtension static final OriginServerExtension ORIGIN = new OriginServerExtension();

  @Test
  void jsonLinesGoToTheConfiguredFile(@TempDir Path dir) throws Exception {
    ORIGIN.respond("/logged", OriginReply.builder().body("12345")
        .header("Cache-Control", "max-age=60").build());
    Path file = dir.resolve("access.log");
    LoggingConfig logging = new LoggingConfig(LoggingConfig.AccessFormat.JSON,
        Optional.of(file), LoggingConfig.LogLevel.WARN,
        Map.of("org.dmmedge.test.quiet", LoggingConfig.LogLevel.ERROR));
    EdgeConfig base = AdminNode.config(ORIGIN, AdminNode.adminConfig(1, 0, List.of()));
    EdgeConfig config = new EdgeConfig(base.name(), base.server(), base.origins(),
        base.originClient(), base.cache(), true, base.admin(), logging,
        base.mobility());
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Level before = context.getLogger("access").getLevel();
    LogSetup.apply(logging);
    EdgeNode node = new EdgeNode(config, MutableClock.startingNow());
    try {
      node.start();
      Http.getText(URI.create("http://127.0.0.1:" + node.localAddress().getPort()
          + "/logged"), "User-Agent", "tester \"quoted\"");
      assertThat(context.getLogger("org.dmmedge.test.quiet").getLevel()).isEqualTo(Level.ERROR);
    } finally {
      node.close();
      context.getLogger("access").detachAndStopAllAppenders();
      context.getLogger("access").setLevel(before);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    JsonNode line = AdminNode.JSON.readTree(lines.get(0));
    assertThat(line.get("status").asInt()).isEqualTo(200);
    assertThat(line.get("bytes").asLong()).isEqualTo(5);
    assertThat(line.get("cache").asText()).isEqualTo("MISS");
    assertThat(line.get("request").asText()).isEqualTo("GET /logged HTTP/1.1");
    assertThat(line.get("userAgent").asText()).isEqualTo("tester \"quoted\"");
    assertThat(line.get("client").asText()).isEqualTo("127.0.0.1");
  }
}
