package org.dmmedge.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  static EdgeConfig read(String yaml) {
    return ConfigLoader.read(ConfigLoader.parseTree(yaml, "test.yaml"));
  }

  static java.util.List<String> problems(String yaml) {
    try {
      read(yaml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException for:\n" + yaml);
  }

  @Test
  void anEmptyFileIsTheEmbeddedDefault() {
    assertThat(read("")).isEqualTo(EdgeConfig.defaults());
    assertThat(EdgeConfig.defaults().server().listen()).hasToString("127.0.0.1:8080");
    assertThat(EdgeConfig.defaults().server().mode()).isEqualTo(ProxyMode.FORWARD);
  }

  @Test
  void theSampleConfigDocumentsEveryOptionAndLoads() {
    EdgeConfig sample = ConfigLoader.load(Path.of("..", "conf", "edge.yaml"));
    assertThat(sample).isEqualTo(EdgeConfig.defaults());
  }

  @Test
  void readsHumanUnitsAndNestedSections() {
    EdgeConfig c = read("""
        name: mar1
        server: {listen: "[::1]:9000", mode: reverse, idleTimeout: 5m, maxHeaderBytes: 32KiB}
        origins:
          default: http://127.0.0.1:8000
          hosts: {Video.Example.com: "https://origin:8443/"}
        originClient: {connectTimeout: 250ms, h2: false}
        cache: {memoryBudget: 1GiB, maxObjectSize: 10MB}
        """);
    assertThat(c.name()).isEqualTo("mar1");
    assertThat(c.server().listen()).isEqualTo(new HostPort("::1", 9000));
    assertThat(c.server().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.server().maxHeaderBytes()).isEqualTo(32 * 1024);
    assertThat(c.origins().forHost("video.example.com").orElseThrow())
        .hasToString("https://origin:8443/");
    assertThat(c.origins().forHost("other").orElseThrow()).hasToString("http://127.0.0.1:8000");
    assertThat(c.originClient().connectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.originClient().h2()).isFalse();
    assertThat(c.cache().memoryBudgetBytes()).isEqualTo(1L << 30);
    assertThat(c.cache().maxObjectBytes()).isEqualTo(10_000_000L);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      cache: {memoryBudget: -1}                | cache.memoryBudget: -1 (expected: > 0)
      cache: {memoryBudget: lots}              | cache.memoryBudget: lots (expected: a size such as 4096, 64KiB, 512MiB, 2GiB)
      server: {listen: 'localhost'}            | server.listen: localhost (expected: HOST:PORT such as 127.0.0.1:8080 or [::1]:8080)
      server: {listen: '1.2.3.4:99999'}        | server.listen: 1.2.3.4:99999 (expected: HOST:PORT such as 127.0.0.1:8080 or [::1]:8080)
      server: {mode: sideways}                 | server.mode: sideways (expected: one of reverse, forward, transparent)
      server: {idleTimeout: soon}              | server.idleTimeout: soon (expected: a duration such as 250ms, 30s, 5m, 2h)
      server: {ioThreads: 1000}                | server.ioThreads: 1000 (expected: an integer in 0..256)
      originClient: {connectRetries: 11}       | originClient.connectRetries: 11 (expected: an integer in 0..10)
      originClient: {h2: maybe}                | originClient.h2: "maybe" (expected: true or false)
      origins: {default: 'ftp://x'}            | origins.default: ftp://x (expected: an origin URL such as http://127.0.0.1:8000)
      origins: {default: 'http://x/path'}      | origins.default: http://x/path (expected: an origin URL such as http://127.0.0.1:8000, without a path)
      name: 'bad name'                         | name: bad name (expected: a name of letters, digits, '.', '-' or '_')
      server: {lisen: '1.2.3.4:80'}            | server.lisen: unknown option (expected: one of listen, mode, maxHeaderBytes, maxUriBytes, idleTimeout, shutdownGrace, ioThreads, connect)
      server: {mode: reverse}                  | origins: none (expected: a default origin or one per host in reverse mode)
      server: 8080                             | server: 8080 (expected: a mapping of options)
      """)
  void badValuesNameTheFieldAndTheValue(String yaml, String problem) {
    assertThat(problems(yaml)).contains(problem);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThat(problems("""
        server: {listen: nowhere, ioThreads: -2}
        cache: {memoryBudget: 0}
        extra: true
        """)).hasSize(4);
  }

  @Test
  void malformedYamlAndMissingFilesAreConfigErrors(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "server: {listen: [unclosed\n");
    assertThatThrownBy(() -> ConfigLoader.load(bad)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config: " + bad + " line ");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("expected: a readable file");
    assertThatThrownBy(() -> read("name: a\nname: b\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("Duplicate field 'name'");
  }

  @Test
  void setOverridesAFieldByItsPath() {
    var tree = ConfigLoader.parseTree("server: {listen: '127.0.0.1:1'}", "t");
    ConfigLoader.set(tree, "server.listen", "0.0.0.0:81");
    ConfigLoader.set(tree, "cache.memoryBudget", "1MiB");
    EdgeConfig c = ConfigLoader.read(tree);
    assertThat(c.server().listen()).isEqualTo(new HostPort("0.0.0.0", 81));
    assertThat(c.cache().memoryBudgetBytes()).isEqualTo(1L << 20);
  }

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({"4096, 4096", "64KiB, 65536", "512MiB, 536870912", "2GiB, 2147483648",
      "10MB, 10000000", "1 kB, 1000"})
  void sizes(String text, long bytes) {
    assertThat(Units.bytes(text)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"250ms, 250", "30s, 30000", "5m, 300000", "2h, 7200000", "1d, 86400000"})
  void durations(String text, long millis) {
    assertThat(Units.duration(text).toMillis()).isEqualTo(millis);
  }
}
