package org.dmmedge.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.policy.PolicyFixtures.headers;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VarySelectorTest {
  @Test
  void namesAreLowerCasedSortedAndDistinct() {
    assertThat(VarySelector.varyNames(headers("Vary: Accept-Encoding, accept|Vary: ACCEPT")))
        .containsExactly("accept", "accept-encoding");
    assertThat(VarySelector.varyNames(headers(""))).isEmpty();
    assertThat(VarySelector.isVaryStar(headers("Vary: Accept, *"))).isTrue();
  }

  static Stream<Arguments> matches() {
    return Stream.of(
        Arguments.of("§4.1 same value matches", "Accept-Encoding: gzip", "Accept-Encoding: gzip",
            true),
        Arguments.of("§4.1 whitespace around commas is normalised",
            "Accept-Encoding: gzip,br", "Accept-Encoding: gzip ,  br", true),
        Arguments.of("§4.1 several lines combine like one list",
            "Accept-Encoding: gzip, br", "Accept-Encoding: gzip|Accept-Encoding: br", true),
        Arguments.of("§4.1 field names are case-insensitive", "accept-encoding: gzip",
            "ACCEPT-ENCODING: gzip", true),
        Arguments.of("§4.1 different values do not match", "Accept-Encoding: gzip",
            "Accept-Encoding: br", false),
        Arguments.of("§4.1 absent differs from empty", "", "Accept-Encoding: ", false),
        Arguments.of("§4.1 both absent match", "", "", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matches")
  void secondaryKeys(String rule, String first, String second, boolean expected) {
    List<String> names = List.of("accept-encoding");
    assertThat(VarySelector.secondaryKey(names, headers(first))
        .equals(VarySelector.secondaryKey(names, headers(second)))).isEqualTo(expected);
  }

  @Test
  void noVaryHasTheEmptySecondaryKey() {
    assertThat(VarySelector.secondaryKey(List.of(), headers("Accept: x")))
        .isEqualTo(VarySelector.NONE);
  }
}
