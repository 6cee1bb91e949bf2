package org.dmmedge.mobility.dataplane.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.dmmedge.mobility.Ipv6Prefix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Router Advertisement bytes laid out from RFC 4861 §4.2 and §4.6, and RS parsing (§4.1). */
class RouterAdvertisementTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void advertisementWithLinkLayerMtuAndPreferredAndDeprecatedPrefixes() {
    RouterAdvertisement ra = new RouterAdvertisement(Duration.ofSeconds(1800), 1500,
        Optional.of(HEX.parseHex("020000000001")), List.of(
            new RouterAdvertisement.PrefixInfo(Ipv6Prefix.parse("2001:db8:2:1::/64"),
                Duration.ofSeconds(86400), Duration.ofSeconds(14400)),
            new RouterAdvertisement.PrefixInfo(Ipv6Prefix.parse("2001:db8:1:1::/64"),
                Duration.ofSeconds(86400), Duration.ZERO)));

    assertThat(HEX.formatHex(ra.encode())).isEqualTo(String.join("",
        "86000000", // type 134, code 0, checksum 0 (kernel fills it)
        "40000708", // cur hop limit 64, flags 0, router lifetime 1800
        "00000000" + "00000000", // reachable time, retrans timer: unspecified
        "0101" + "020000000001", // §4.6.1 source link-layer address, 1 x 8 bytes
        "05010000" + "000005dc", // §4.6.4 MTU 1500
        "0304" + "40" + "c0", // §4.6.2 prefix information, /64, L and A
        "00015180" + "00003840" + "00000000", // valid 86400, preferred 14400, reserved
        "20010db8000200010000000000000000",
        "0304" + "40" + "c0",
        "00015180" + "00000000" + "00000000", // deprecated: preferred lifetime 0 (RFC 4862 §5.5.4)
        "20010db8000100010000000000000000"));
  }

  @Test
  void minimalAdvertisementHasNoOptions() {
    byte[] ra = new RouterAdvertisement(Duration.ZERO, 0, Optional.empty(), List.of()).encode();

    assertThat(HEX.formatHex(ra)).isEqualTo("86000000" + "40000000" + "0000000000000000");
  }

  @Test
  void preferredBeyondValidIsRejected() {
    assertThatThrownBy(() -> new RouterAdvertisement.PrefixInfo(Ipv6Prefix.parse("2001:db8::/64"),
        Duration.ofSeconds(10), Duration.ofSeconds(20)))
        .hasMessage("preferredLifetime: PT20S (expected: <= validLifetime PT10S)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "RS with source link-layer option (RFC 4861 §4.1),   85000000000000000101aabbccddeeff, aa:bb:cc:dd:ee:ff",
      "RS from :: without options,                         8500000000000000,                 ''",
      "RS with an unknown option first,                    850000000000000009010000000000000101020304050607, 02:03:04:05:06:07",
      "zero-length option makes it invalid (§4.6),         85000000000000000100aabbccddeeff, ''",
      "option running past the end,                        850000000000000001020000,         ''",
      "not an RS (an RA),                                  86000000000000000101aabbccddeeff, ''",
      "non-zero code,                                      85010000000000000101aabbccddeeff, ''",
      "truncated header,                                   850000,                           ''",
  })
  void solicitationSourceLinkLayer(String name, String hex, String expected) {
    byte[] icmp = HEX.parseHex(hex);

    assertThat(RouterAdvertisement.solicitationSource(icmp, icmp.length).orElse("")).isEqualTo(expected);
  }
}
