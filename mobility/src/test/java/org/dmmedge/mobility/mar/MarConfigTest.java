package org.dmmedge.mobility.mar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.dmmedge.mobility.Ipv6Prefix;
import org.dmmedge.mobility.TestNetwork;
import org.junit.jupiter.api.Test;

/** MarConfig defaults and the shape of its errors; the prefix pool hands out /64s. */
class MarConfigTest {
  private static MarConfig.Builder valid() {
    return MarConfig.builder().address(TestNetwork.loopback(1))
        .cmd(new InetSocketAddress(TestNetwork.loopback(10), 5436))
        .prefixPool(Ipv6Prefix.parse("2001:db8:1::/48"))
        .securityAssociation(TestNetwork.key(1, TestNetwork.loopback(10)));
  }

  @Test
  void defaults() {
    MarConfig config = valid().build();
    assertThat(config.transport().bind()).isEqualTo(
        new InetSocketAddress(TestNetwork.loopback(1), 5436));
    assertThat(config.retransmission().initialTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.retransmission().timeout(3)).isEqualTo(Duration.ofSeconds(6));
    assertThat(config.retransmission().timeout(10)).isEqualTo(Duration.ofSeconds(32));
    assertThat(config.accessTechnologyType()).isEqualTo(4);
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> valid().prefixPool(Ipv6Prefix.parse("2001:db8:1:2:3::/80")).build())
        .hasMessage("prefixPool: 2001:db8:1:2:3::/80 (expected: length 16..64)");
    assertThatThrownBy(() -> valid().lifetime(Duration.ofSeconds(1)).build())
        .hasMessage("lifetime: PT1S (expected: 4 s..262140 s)");
    assertThatThrownBy(() -> valid().securityAssociation(
        TestNetwork.key(1, TestNetwork.loopback(9))).build())
        .hasMessage("securityAssociation.peer: 127.0.0.9 (expected: the CMD's address 127.0.0.10)");
  }

  @Test
  void poolHandsOutDistinctSixtyFoursAndTakesThemBack() {
    PrefixAllocator pool = new PrefixAllocator(Ipv6Prefix.parse("2001:db8:1::/62"));
    assertThat(pool.allocate()).contains(Ipv6Prefix.parse("2001:db8:1::/64"));
    assertThat(pool.allocate()).contains(Ipv6Prefix.parse("2001:db8:1:1::/64"));
    assertThat(pool.allocate()).contains(Ipv6Prefix.parse("2001:db8:1:2::/64"));
    assertThat(pool.allocate()).contains(Ipv6Prefix.parse("2001:db8:1:3::/64"));
    assertThat(pool.allocate()).isEmpty();
    pool.release(Ipv6Prefix.parse("2001:db8:1:1::/64"));
    assertThat(pool.allocate()).contains(Ipv6Prefix.parse("2001:db8:1:1::/64"));
  }
}
