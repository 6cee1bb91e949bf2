package org.dmmedge.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of configuration error names its field path and value. */
class ConfigErrorsTest {
  private static ConfigException problems(String yaml) {
    try {
      ConfigLoader.read(ConfigLoader.parseTree(yaml, "test.yaml"));
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected problems in: " + yaml);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top-level key    | nmae: x                                     | nmae: unknown option
      unknown nested key       | 'admin: {lisen: 127.0.0.1:1}'               | admin.lisen: unknown option
      unknown deeper key       | 'admin: {prewarm: {speed: 1}}'              | admin.prewarm.speed: unknown option
      wrong type: text for int | 'server: {ioThreads: many}'                 | server.ioThreads: many (expected: an integer in 0..256)
      wrong type: map for text | 'name: {a: 1}'                              | name: {"a":1}
      wrong type: bool         | 'accessLog: maybe'                          | accessLog: "maybe" (expected: true or false)
      out of range int         | 'server: {ioThreads: 1000}'                 | server.ioThreads: 1000 (expected: an integer in 0..256)
      bad duration             | 'server: {idleTimeout: 5 minutes}'          | server.idleTimeout: 5 minutes (expected: a duration
      bad size                 | 'cache: {memoryBudget: lots}'               | cache.memoryBudget: lots (expected: a size
      bad listen address       | 'admin: {listen: nowhere}'                  | admin.listen: nowhere (expected: HOST:PORT
      admin beyond loopback    | 'admin: {listen: 0.0.0.0:9090}'             | admin.token: none (expected: a token when admin.listen 0.0.0.0:9090
      blank token              | 'admin: {token: " "}'                       | admin.token: ""
      bad network              | 'admin: {purgeNetworks: [10.0.0.0/33]}'     | admin.purgeNetworks[0]: 10.0.0.0/33 (expected: an IP network
      host name as network     | 'admin: {purgeNetworks: [example.com]}'     | admin.purgeNetworks[0]: example.com
      zero concurrency         | 'admin: {prewarm: {concurrency: 0}}'        | admin.prewarm.concurrency: 0 (expected: an integer in 1..256)
      huge admin body          | 'admin: {maxBodySize: 1GiB}'                | admin.maxBodySize: 1GiB (expected: > 0 and <= 64MiB)
      bad access format        | 'logging: {accessFormat: xml}'              | logging.accessFormat: xml (expected: one of combined, json)
      bad log level            | 'logging: {levels: {org.x: loud}}'          | logging.levels.org.x: loud (expected: one of trace, debug, info, warn, error, off)
      unwritable access log    | 'logging: {accessFile: /nonexistent-dmm/a.log}' | logging.accessFile: /nonexistent-dmm/a.log (expected: a writable file
      unusable disk directory  | 'cache: {diskDirectory: /nonexistent-dmm/x/y}'  | cache.diskDirectory: /nonexistent-dmm/x/y (expected: a writable directory
      reverse without origin   | 'server: {mode: reverse}'                   | origins: none
      CONNECT port zero        | 'server: {connect: {allowedPorts: [443, 0]}}' | server.connect.allowedPorts[1]: 0 (expected: ports in 1..65535)
      CONNECT port not a number | 'server: {connect: {allowedPorts: [https]}}' | server.connect.allowedPorts[0]: https (expected: ports in 1..65535)
      CONNECT port too large   | 'server: {connect: {allowedPorts: 70000}}'  | server.connect.allowedPorts[0]: 70000 (expected: ports in 1..65535)
      negative connect timeout | 'server: {connect: {connectTimeout: -1s}}'  | server.connect.connectTimeout: -1s (expected: a duration
      zero connect timeout     | 'server: {connect: {connectTimeout: 0ms}}'  | server.connect.connectTimeout: 0ms (expected: >= 1ms and < 24d)
      huge connect timeout     | 'server: {connect: {connectTimeout: 30d}}'  | server.connect.connectTimeout: 30d (expected: >= 1ms and < 24d)
      negative idle timeout    | 'server: {connect: {idleTimeout: -5m}}'     | server.connect.idleTimeout: -5m (expected: a duration
      zero idle timeout        | 'server: {connect: {idleTimeout: 0s}}'      | server.connect.idleTimeout: 0s (expected: >= 1ms)
      CONNECT enabled not bool | 'server: {connect: {enabled: yes please}}'  | server.connect.enabled: "yes please" (expected: true or false)
      unknown CONNECT key      | 'server: {connect: {ports: [443]}}'         | server.connect.ports: unknown option
      CONNECT in reverse mode  | 'server: {mode: reverse, connect: {enabled: true}}' | server.connect.enabled: true (expected: false unless server.mode is forward)
      CONNECT transparently    | 'server: {mode: transparent, connect: {enabled: true}}' | server.connect.enabled: true (expected: false unless server.mode is forward)
      promotion out of range   | 'cache: {diskPromotionHits: -1}'            | cache.diskPromotionHits: -1 (expected: an integer in 0..1000000)
      missing trust store      | 'originClient: {tls: {trustStore: /nonexistent-dmm/t.p12}}' | originClient.tls.trustStore: /nonexistent-dmm/t.p12 (expected: a readable key store file)
      password without store   | 'originClient: {tls: {trustStorePassword: x}}' | originClient.tls.trustStorePassword: (hidden) (expected: only together with trustStore)
      unknown tls key          | 'originClient: {tls: {trustStor: x}}'       | originClient.tls.trustStor: unknown option
      """)
  void eachProblemNamesItsFieldAndValue(String what, String yaml, String expected) {
    assertThat(problems(yaml).problems()).anySatisfy(p -> assertThat(p).startsWith(expected));
  }

  @Test
  void aTrustStoreIsReadAtLoadAndAWrongPasswordIsNamedButNotShown() {
    Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(cacerts), "JDK cacerts");

    EdgeConfig config = ConfigLoader.read(ConfigLoader.parseTree("originClient: {tls: "
        + "{trustStore: " + cacerts + ", trustStorePassword: changeit}}", "test.yaml"));
    assertThat(config.originClient().trustStore().orElseThrow().file()).isEqualTo(cacerts);

    ConfigException wrong = problems("originClient: {tls: {trustStore: " + cacerts
        + ", trustStorePassword: not-it}}");
    assertThat(wrong.problems()).singleElement().asString()
        .startsWith("originClient.tls.trustStorePassword: (hidden) (expected: the password of")
        .doesNotContain("not-it");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e = problems("""
        nmae: x
        server: {ioThreads: -1, idleTimeout: soon}
        admin: {prewarm: {maxUrls: 0}}
        logging: {level: chatty}
        """);
    assertThat(e.problems()).hasSize(5);
    assertThat(String.join("\n", e.problems())).contains("nmae", "server.ioThreads",
        "server.idleTimeout", "admin.prewarm.maxUrls", "logging.level");
  }

  @Test
  void humanUnitsAndSectionsAreRead(@TempDir Path dir) {
    EdgeConfig c = ConfigLoader.read(ConfigLoader.parseTree("""
        server: {idleTimeout: 5m}
        cache: {memoryBudget: 512MiB, diskDirectory: %s}
        admin: {listen: "[::1]:9191", prewarm: {bandwidthPerSecond: 20MB, concurrency: 8}}
        logging: {accessFormat: json, accessFile: %s, levels: {org.dmmedge.cache: debug}}
        """.formatted(dir.resolve("disk"), dir.resolve("access.log")), "t"));
    assertThat(c.server().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.cache().memoryBudgetBytes()).isEqualTo(512L << 20);
    assertThat(c.admin().listen()).isEqualTo(new HostPort("::1", 9191));
    assertThat(c.admin().prewarmBandwidthBytes()).isEqualTo(20_000_000);
    assertThat(c.admin().prewarmConcurrency()).isEqualTo(8);
    assertThat(c.logging().accessFormat()).isEqualTo(LoggingConfig.AccessFormat.JSON);
    assertThat(c.logging().levels()).containsEntry("org.dmmedge.cache",
        LoggingConfig.LogLevel.DEBUG);
  }

  @Test
  void setOverridesAnyFieldWithTypedValues() {
    ObjectNode tree = ConfigLoader.parseTree("server: {listen: 127.0.0.1:1}", "t");
    ConfigLoader.override(tree, "server.listen=127.0.0.1:2");
    ConfigLoader.override(tree, "accessLog=false");
    ConfigLoader.override(tree, "server.ioThreads=3");
    ConfigLoader.override(tree, "admin.purgeNetworks=[10.0.0.0/8, ::1]");
    ConfigLoader.override(tree, "admin.listen=[::1]:9191");
    ConfigLoader.override(tree, "admin.prewarm.bandwidthPerSecond=1MiB");
    EdgeConfig c = ConfigLoader.read(tree);
    assertThat(c.server().listen().port()).isEqualTo(2);
    assertThat(c.accessLog()).isFalse();
    assertThat(c.server().ioThreads()).isEqualTo(3);
    assertThat(c.admin().purgeNetworks()).extracting(Cidr::toString)
        .containsExactly("10.0.0.0/8", "0:0:0:0:0:0:0:1/128");
    assertThat(c.admin().listen().host()).isEqualTo("::1");
    assertThat(c.admin().prewarmBandwidthBytes()).isEqualTo(1L << 20);
  }

  @Test
  void connectTunnelsAreOffByDefaultAndReadFromTheFileOrOverrides() {
    assertThat(ConfigLoader.read(ConfigLoader.parseTree("", "t")).server().connect())
        .isEqualTo(ConnectConfig.disabled());
    EdgeConfig file = ConfigLoader.read(ConfigLoader.parseTree("""
        server: {connect: {enabled: true, allowedPorts: [443, 8443], connectTimeout: 2s,
                 idleTimeout: 10m}}
        """, "t"));
    assertThat(file.server().connect()).isEqualTo(new ConnectConfig(true, List.of(443, 8443),
        Duration.ofSeconds(2), Duration.ofMinutes(10)));

    ObjectNode tree = ConfigLoader.parseTree("", "t");
    ConfigLoader.override(tree, "server.connect.enabled=true");
    ConfigLoader.override(tree, "server.connect.allowedPorts=[443, 563]");
    ConfigLoader.override(tree, "server.connect.idleTimeout=30s");
    ConnectConfig set = ConfigLoader.read(tree).server().connect();
    assertThat(set.enabled()).isTrue();
    assertThat(set.allowedPorts()).containsExactly(443, 563);
    assertThat(set.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void connectRecordsRefuseBadValuesNamingTheField() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new ConnectConfig(true, List.of(0), second, second))
        .hasMessage("allowedPorts: 0 (expected: 1..65535)");
    assertThatThrownBy(() -> new ConnectConfig(true, List.of(443), second.negated(), second))
        .hasMessageStartingWith("connectTimeout: PT-1S (expected: > 0");
    assertThatThrownBy(() -> new ConnectConfig(true, List.of(443), second, Duration.ZERO))
        .hasMessage("idleTimeout: PT0S (expected: > 0)");
    ServerConfig reverse = new ServerConfig(new HostPort("127.0.0.1", 0), ProxyMode.REVERSE,
        8192, 2048, second, second, 1);
    assertThatThrownBy(() -> reverse.withConnect(new ConnectConfig(true, List.of(443), second,
        second))).hasMessageStartingWith("connect.enabled: true (expected: false unless mode");
  }

  @Test
  void aBadOverrideNamesItself() {
    ObjectNode tree = ConfigLoader.parseTree("", "t");
    assertThatThrownBy(() -> ConfigLoader.override(tree, "server.listen"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("--set: server.listen");
    assertThatThrownBy(() -> ConfigLoader.override(tree, "=x"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("--set: =x");
    ConfigLoader.override(tree, "server.ioThreads=lots");
    assertThatThrownBy(() -> ConfigLoader.read(tree)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.ioThreads: lots");
  }

  @Test
  void aDiskDirectoryThatIsAFileIsRefused(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertThat(problems("cache: {diskDirectory: " + file + "}").problems())
        .anySatisfy(p -> assertThat(p).startsWith("cache.diskDirectory: " + file));
  }
}
