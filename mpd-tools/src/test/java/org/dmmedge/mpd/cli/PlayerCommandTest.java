package org.dmmedge.mpd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage errors of {@code player} (exit 2), and an unreachable MPD (exit 1). */
class PlayerCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new PlayerCommand());
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "--duration|0|--duration: 0.0 (expected: > 0)",
      "--duration|-3|--duration: -3.0 (expected: > 0)",
      "--proxy|not a url|--proxy: not a url (expected: http://host:port)",
      "--proxy|http://|--proxy: http:// (expected: http://host:port)",
      "--proxy|http://edge|--proxy: http://edge (expected: http://host:port)"})
  void badOptionsAreUsageErrors(String option, String value, String message) {
    assertThat(run("http://127.0.0.1:9/m.mpd", option, value)).isEqualTo(2);
    assertThat(err.toString()).contains(message);
  }

  @Test
  void unreachableMpdIsExitOneWithTheUrl() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/m.mpd";
    assertThat(run(url)).isEqualTo(1);
    assertThat(err.toString()).startsWith("player: MPD " + url + ": ");
  }
}
