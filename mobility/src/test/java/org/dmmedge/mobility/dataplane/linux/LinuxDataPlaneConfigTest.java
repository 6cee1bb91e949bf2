package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinuxDataPlaneConfigTest {

  private static LinuxDataPlaneConfig.Builder valid() {
    return LinuxDataPlaneConfig.builder().coreLink("core0").localAddress(RtnetlinkIT.addr("2001:db8:c::1"));
  }

  @Test
  void defaults() {
    LinuxDataPlaneConfig config = valid().build();

    assertThat(config.tunnel()).isEqualTo(TunnelBackendKind.AUTO);
    assertThat(config.namespace().name()).isEmpty();
    assertThat(config.routerLifetime()).isEqualTo(Duration.ofSeconds(1800));
    assertThat(config.prefixValidLifetime()).isEqualTo(Duration.ofDays(1));
    assertThat(config.prefixPreferredLifetime()).isEqualTo(Duration.ofHours(4));
    assertThat(config.advertisedMtu()).isZero();
    assertThat(config.interceptPort()).isZero();
    assertThat(config.clampMss()).isFalse();
  }

  @Test
  void settersCheckTheirArgument() {
    assertThatThrownBy(() -> valid().coreLink("a-name-longer-than-15")).hasMessage(
        "coreLink: 'a-name-longer-than-15' (expected: an interface name of 1..15 characters)");
    assertThatThrownBy(() -> valid().interceptPort(0)).hasMessage("interceptPort: 0 (expected: 1..65535)");
    assertThatThrownBy(() -> valid().routerAdvertisementInterval(Duration.ZERO))
        .hasMessage("routerAdvertisementInterval: PT0S (expected: > 0)");
    assertThatThrownBy(() -> NetNamespace.named("../etc")).hasMessage("netns: ../etc (expected: a name under /var/run/netns)");
  }

  @Test
  void buildChecksCombinations() {
    assertThatThrownBy(() -> LinuxDataPlaneConfig.builder().localAddress(RtnetlinkIT.addr("::1")).build())
        .hasMessage("coreLink: not set (expected: the interface towards the other MARs)");
    assertThatThrownBy(() -> valid().tunnel(TunnelBackendKind.SRV6).build())
        .hasMessage("decapAddress: none (expected: an address when tunnel is srv6)");
    assertThatThrownBy(() -> valid().interceptPort(3128).build())
        .hasMessage("accessLinks: [] (expected: at least one when interceptPort is set)");
    assertThatThrownBy(() -> valid().prefixValidLifetime(Duration.ofSeconds(60)).build())
        .hasMessage("prefixPreferredLifetime: PT4H (expected: <= prefixValidLifetime PT1M)");
    assertThatThrownBy(() -> valid().advertisedMtu(1000).build())
        .hasMessage("advertisedMtu: 1000 (expected: 0 or 1280..65535)");
  }

  @Test
  void tunnelKindParsesTheConfigSpelling() {
    assertThat(TunnelBackendKind.parse("userspace")).isEqualTo(TunnelBackendKind.USERSPACE);
    assertThat(TunnelBackendKind.SRV6.configName()).isEqualTo("srv6");
    assertThatThrownBy(() -> TunnelBackendKind.parse("gre"))
        .hasMessage("tunnel: gre (expected: auto, srv6, ip6tnl or userspace)");
  }
}
