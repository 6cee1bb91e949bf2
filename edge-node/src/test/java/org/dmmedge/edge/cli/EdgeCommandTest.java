package org.dmmedge.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.dmmedge.edge.config.ProxyMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EdgeCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void flagsWithoutAFileMakeAReverseProxy() {
    EdgeCommand command = new EdgeCommand();
    new CommandLine(command).parseArgs("--listen", "127.0.0.1:8081", "--origin",
        "http://127.0.0.1:8000", "--name", "mar2");

    var config = command.config();

    assertThat(config.server().listen()).hasToString("127.0.0.1:8081");
    assertThat(config.server().mode()).isEqualTo(ProxyMode.REVERSE);
    assertThat(config.origins().defaultOrigin().orElseThrow()).hasToString("http://127.0.0.1:8000");
    assertThat(config.name()).isEqualTo("mar2");
  }

  @Test
  void badFlagValuesExit2NamingTheFieldAndValue() {
    int code = run("edge", "--listen", "nowhere", "--origin", "gopher://x");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("server.listen: nowhere (expected: HOST:PORT")
        .contains("origins.default: gopher://x (expected: an origin URL");
  }

  @Test
  void aMissingConfigFileExits2() {
    assertThat(run("edge", "--config", "/nonexistent/edge.yaml")).isEqualTo(2);
    assertThat(err.toString()).contains("config: /nonexistent/edge.yaml");
  }

  @Test
  void unknownFlagsExit2() {
    assertThat(run("edge", "--frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
  }
}
