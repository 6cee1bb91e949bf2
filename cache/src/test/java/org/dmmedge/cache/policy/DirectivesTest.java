package org.dmmedge.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.policy.PolicyFixtures.headers;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DirectivesTest {
  static Stream<Arguments> responses() {
    ResponseDirectives none = ResponseDirectives.NONE;
    return Stream.of(
        Arguments.of("§5.2 directive names are case-insensitive", "MAX-AGE=10, Public",
            new ResponseDirectives(false, false, false, true, false, false, 10, -1, -1, -1)),
        Arguments.of("§5.2 quoted values are unquoted", "max-age=\"30\"",
            new ResponseDirectives(false, false, false, false, false, false, 30, -1, -1, -1)),
        Arguments.of("§5.2.3 unknown extensions are ignored", "community=\"UCI\", foo, max-age=5",
            new ResponseDirectives(false, false, false, false, false, false, 5, -1, -1, -1)),
        Arguments.of("§5.2 whitespace and empty items", " ,no-store ,, must-revalidate",
            new ResponseDirectives(true, false, false, false, true, false, -1, -1, -1, -1)),
        Arguments.of("§5.2.2.4 qualified no-cache reads as no-cache", "no-cache=\"Set-Cookie, X\"",
            new ResponseDirectives(false, true, false, false, false, false, -1, -1, -1, -1)),
        Arguments.of("RFC 5861 stale extensions", "stale-while-revalidate=5, stale-if-error=7",
            new ResponseDirectives(false, false, false, false, false, false, -1, -1, 5, 7)),
        Arguments.of("§5.2.2.10 s-maxage and proxy-revalidate", "s-maxage=9, proxy-revalidate",
            new ResponseDirectives(false, false, false, false, false, true, -1, 9, -1, -1)),
        Arguments.of("empty field", "", none));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void responseDirectives(String rule, String value, ResponseDirectives expected) {
    assertThat(ResponseDirectives.parse(List.of(value))).isEqualTo(expected);
  }

  @Test
  void severalFieldLinesCombine() {
    assertThat(ResponseDirectives.parse(List.of("max-age=10", "private")))
        .isEqualTo(new ResponseDirectives(false, false, true, false, false, false, 10, -1, -1,
            -1));
  }

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("§5.2.1.1 max-age", "Cache-Control: max-age=5",
            new RequestDirectives(false, false, false, 5, -1, -1, -1)),
        Arguments.of("§5.2.1.1 malformed max-age forces validation", "Cache-Control: max-age=x",
            new RequestDirectives(false, false, false, 0, -1, -1, -1)),
        Arguments.of("§5.2.1.2 max-stale without a value", "Cache-Control: max-stale",
            new RequestDirectives(false, false, false, -1, Long.MAX_VALUE, -1, -1)),
        Arguments.of("§5.2.1.2 malformed max-stale is ignored", "Cache-Control: max-stale=x",
            new RequestDirectives(false, false, false, -1, -1, -1, -1)),
        Arguments.of("§5.2.1.3 min-fresh", "Cache-Control: min-fresh=3",
            new RequestDirectives(false, false, false, -1, -1, 3, -1)),
        Arguments.of("§5.2.1.4/5/7 flags", "Cache-Control: no-cache, no-store, only-if-cached",
            new RequestDirectives(true, true, true, -1, -1, -1, -1)),
        Arguments.of("§5.4 Pragma: no-cache without Cache-Control", "Pragma: no-cache",
            new RequestDirectives(true, false, false, -1, -1, -1, -1)),
        Arguments.of("§5.4 Cache-Control wins over Pragma", "Pragma: no-cache|Cache-Control: max-age=1",
            new RequestDirectives(false, false, false, 1, -1, -1, -1)),
        Arguments.of("RFC 5861 §4 request stale-if-error", "Cache-Control: stale-if-error=30",
            new RequestDirectives(false, false, false, -1, -1, -1, 30)),
        Arguments.of("no fields", "", RequestDirectives.NONE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void requestDirectives(String rule, String fields, RequestDirectives expected) {
    assertThat(RequestDirectives.of(headers(fields))).isEqualTo(expected);
  }
}
