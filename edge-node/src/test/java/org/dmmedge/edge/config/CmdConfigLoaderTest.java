package org.dmmedge.edge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.dmmedge.mobility.cmd.CmdConfig;
import org.dmmedge.mobility.cmd.CmdMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CmdConfigLoaderTest {
  private static final String SA = "securityAssociations: [{spi: 1, key: "
      + "00112233445566778899aabbccddeeff, peer: '2001:db8:c::1'}]";

  @Test
  void theSampleFileLoads() {
    CmdConfig c = CmdConfigLoader.read(ConfigLoader.readTree(Path.of("../conf/cmd.yaml")));
    assertThat(c.securityAssociations()).hasSize(3);
    assertThat(c.mode()).isEqualTo(CmdMode.RELAY);
    assertThat(c.transport().bind().getPort()).isEqualTo(5436);
    assertThat(c.timestampWindow()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.anchorRetransmission().maxRetransmissions()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      short key            | 'cmd: {securityAssociations: [{spi: 1, key: "0011", peer: "::1"}]}' | cmd.securityAssociations[0].key: 0011 (expected: an HMAC key of at least 16 bytes
      host name as peer    | 'cmd: {securityAssociations: [{spi: 1, key: 00112233445566778899aabbccddeeff, peer: mar1}]}' | cmd.securityAssociations[0].peer: mar1 (expected: an IP address literal)
      missing spi          | 'cmd: {securityAssociations: [{key: 00112233445566778899aabbccddeeff, peer: "::1"}]}' | cmd.securityAssociations[0].spi: missing
      unknown key          | 'cmd: {modus: relay, %s}'                  | cmd.modus: unknown option
      bad mode             | 'cmd: {mode: central, %s}'                 | cmd.mode: central (expected: one of relay, proxy)
      bad duration         | 'cmd: {maxLifetime: forever, %s}'          | cmd.maxLifetime: forever
      retransmission order | 'cmd: {anchorRetransmission: {initialTimeout: 5s, maxTimeout: 1s}, %s}' | cmd.anchorRetransmission.maxTimeout: PT1S (expected: >= initialTimeout
      no associations      | 'cmd: {mode: relay}'                       | cmd.securityAssociations: none
      wildcard address     | 'cmd: {listen: "[::]:5436", %s}'           | cmd.listen: [::]:5436 (expected: HOST:PORT
      stray top-level key  | 'cmd: {%s}\nedge: 1'                       | edge: unknown option
      """)
  void problemsNameTheField(String what, String yaml, String expected) {
    String text = yaml.replace("%s", SA).replace("\\n", "\n");
    ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        ConfigException.class, () -> CmdConfigLoader.read(ConfigLoader.parseTree(text, "t")));
    assertThat(e).as(text).isNotNull();
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(expected));
  }
}
