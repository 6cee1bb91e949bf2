package org.dmmedge.edge.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.dataplane.linux.TunnelBackendKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MobilityConfigLoaderTest {
  private static final String MINIMAL = """
      server: {listen: "[::]:3129", mode: transparent}
      mobility:
        address: 2001:db8:c::1
        cmd: "[2001:db8:c::a]:5436"
        prefixPool: 2001:db8:1::/48
        securityAssociation: {spi: 1, key: 6d6172312d64656d6f2d6b65792d303030303031}
        dataPlane: {coreLink: core0, accessLinks: [acc0]}
      """;

  @Test
  void noSectionNoMobility() {
    assertThat(ConfigLoaderTest.read("name: plain").mobility()).isEmpty();
  }

  @Test
  void aMinimalSectionGetsTheDefaultsAndInterceptsToTheProxyPort() throws Exception {
    MobilityConfig m = ConfigLoaderTest.read(MINIMAL).mobility().orElseThrow();
    InetAddress cmd = InetAddress.getByName("2001:db8:c::a");
    assertThat(m.mar().address()).isEqualTo(InetAddress.getByName("2001:db8:c::1"));
    assertThat(m.mar().cmd().getAddress()).isEqualTo(cmd);
    assertThat(m.mar().transport().bind().getPort()).isEqualTo(5436);
    assertThat(m.mar().prefixPool()).isEqualTo(Ipv6Prefix.parse("2001:db8:1::/48"));
    assertThat(m.mar().securityAssociation().orElseThrow().peer()).isEqualTo(cmd);
    assertThat(m.mar().lifetime()).isEqualTo(Duration.ofSeconds(300));
    assertThat(m.dataPlane().coreLink()).isEqualTo("core0");
    assertThat(m.dataPlane().accessLinks()).containsExactly("acc0");
    assertThat(m.dataPlane().tunnel()).isEqualTo(TunnelBackendKind.AUTO);
    assertThat(m.dataPlane().interceptPort()).isEqualTo(3129);
    assertThat(m.dataPlane().localAddress()).isEqualTo(m.mar().address());
    assertThat(m.mnIdentity()).isEqualTo(MnIdentity.ACCESS_LINK);
    assertThat(m.contextTransfer()).isEqualTo(MobilityConfig.ContextTransfer.defaults());
  }

  @Test
  void theTestBedFilesLoad() {
    for (int n = 1; n <= 3; n++) {
      MobilityConfig m = ConfigLoader.load(Path.of("..", "conf", "testbed", "mar" + n + ".yaml"))
          .mobility().orElseThrow();
      assertThat(m.mar().prefixPool()).isEqualTo(Ipv6Prefix.parse("2001:db8:" + n + "::/48"));
      assertThat(m.mar().peerAssociations()).hasSize(2);
      assertThat(m.dataPlane().clampMss()).isTrue();
      assertThat(m.contextTransfer().port()).isEqualTo(9190);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      address: 10.0.0.1                    | mobility.address: 10.0.0.1 (expected: an IPv6 address literal such as 2001:db8:c::1)
      cmd: mar.example                     | mobility.cmd: mar.example (expected: HOST:PORT such as 127.0.0.1:8080 or [::1]:8080)
      prefixPool: 2001:db8:1::/80          | mobility.prefixPool: 2001:db8:1::/80 (expected: an IPv6 prefix of length 16..64, e.g. 2001:db8:1::/48)
      lifetime: 2s                         | mobility.lifetime: 2s (expected: >= 4s)
      mnIdentity: mac                      | mobility.mnIdentity: mac (expected: one of access_link, solicitation)
      transport: sctp                      | mobility.transport: sctp (expected: one of udp, raw_ipv6)
      securityAssociation: {spi: 1, key: abcd} | mobility.securityAssociation.key: abcd (expected: an HMAC key of at least 16 bytes in hex (32+ hex digits))
      peerAssociations: [{spi: 2, key: 6d6172322d64656d6f2d6b65792d303030303032}] | mobility.peerAssociations[0].peer: missing (expected: an IPv6 address literal such as 2001:db8:c::1)
      retransmission: {initialTimeout: 5s, maxTimeout: 1s} | mobility.retransmission.maxTimeout: 1000ms (expected: >= initialTimeout 5000ms)
      dataPlane: {coreLink: core0, accessLinks: [acc0], tunnel: gre} | mobility.dataPlane.tunnel: gre (expected: auto, srv6, ip6tnl or userspace)
      dataPlane: {coreLink: a-name-far-too-long} | mobility.dataPlane.coreLink: 'a-name-far-too-long' (expected: an interface name of 1..15 characters)
      dataPlane: {coreLink: core0, accessLinks: [acc0], advertisedMtu: 1000} | mobility.dataPlane.advertisedMtu: 1000 (expected: 0 (automatic) or 1280..65535)
      dataPlane: {accessLinks: [acc0]}     | mobility.dataPlane.coreLink: missing (expected: the interface towards the other MARs, e.g. core0)
      dataPlane: {coreLink: core0}         | mobility.dataPlane.accessLinks: [] (expected: at least one when intercept is true)
      contextTransfer: {port: 0}           | mobility.contextTransfer.port: 0 (expected: an integer in 1..65535)
      tunnels: auto                        | mobility.tunnels: unknown option (expected: one of address, cmd, listen, transport, peerPort, prefixPool, securityAssociation, peerAssociations, requireAuthentication, lifetime, retransmission, accessTechnologyType, timestampWindow, acceptMadOptions, mnIdentity, dataPlane, contextTransfer)
      """)
  void eachBadValueIsReportedWithItsPath(String override, String problem) {
    ObjectNode tree = ConfigLoader.parseTree(MINIMAL, "test.yaml");
    ((ObjectNode) tree.get("mobility")).setAll(ConfigLoader.parseTree(override, "override"));
    try {
      ConfigLoader.read(tree);
      throw new AssertionError("expected a ConfigException for " + override);
    } catch (ConfigException e) {
      assertThat(e.problems()).contains(problem);
    }
  }

  @Test
  void missingRequiredFieldsAreAllReported() {
    assertThat(ConfigLoaderTest.problems(
        "mobility: {dataPlane: {coreLink: core0}, requireAuthentication: false}"))
        .contains("mobility.address: missing (expected: an IPv6 address literal such as"
                + " 2001:db8:c::1)",
            "mobility.cmd: missing (expected: the CMD's [address]:port)",
            "mobility.prefixPool: missing (expected: the pool MN prefixes come from)");
  }

  @Test
  void authenticationWithoutAKeyIsRefusedAtTheField() {
    assertThat(ConfigLoaderTest.problems(MINIMAL.replace(
        "  securityAssociation: {spi: 1, key: 6d6172312d64656d6f2d6b65792d303030303031}\n", "")))
        .contains("mobility.securityAssociation: empty (expected: this MAR's key when"
            + " requireAuthentication is true)");
  }
}
