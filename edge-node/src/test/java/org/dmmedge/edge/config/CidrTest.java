package org.dmmedge.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
      "127.0.0.0/8, 127.1.2.3, true",
      "127.0.0.0/8, 128.0.0.1, false",
      "10.1.0.0/17, 10.1.127.255, true",
      "10.1.0.0/17, 10.1.128.0, false",
      "0.0.0.0/0, 192.0.2.1, true",
      "192.0.2.7, 192.0.2.7, true",
      "192.0.2.7, 192.0.2.8, false",
      "2001:db8:c::/64, 2001:db8:c::1, true",
      "2001:db8:c::/64, 2001:db8:d::1, false",
      "::1/128, ::1, true",
      "::/0, 127.0.0.1, false",
  })
  void membership(String network, String address, boolean expected) throws Exception {
    assertThat(Cidr.parse(network).contains(InetAddress.getByName(address))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/x", "localhost", "10.0.0.0/-1",
      "300.1.1.1", ""})
  void refused(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("an IP network");
  }
}
