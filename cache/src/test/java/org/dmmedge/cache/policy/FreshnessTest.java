package org.dmmedge.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.policy.PolicyFixtures.headers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.policy.Freshness.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FreshnessTest {
  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final Freshness.Heuristic HEURISTIC =
      new Freshness.Heuristic(0.1, Duration.ofDays(1).toMillis());
  private static final TargetedCacheControl TARGETED =
      new TargetedCacheControl(List.of("CDN-Cache-Control"));

  static String date(long offsetSeconds) {
    return HttpDates.format(T0 + offsetSeconds * 1000);
  }

  static Stream<Arguments> lifetimes() {
    return Stream.of(
        Arguments.of("§4.2.1 s-maxage wins over max-age for a shared cache", 200,
            "Cache-Control: max-age=10, s-maxage=20", 20L),
        Arguments.of("§4.2.1 max-age", 200, "Cache-Control: max-age=10", 10L),
        Arguments.of("§4.2.1 Expires minus Date", 200,
            "Date: " + date(0) + "|Expires: " + date(100), 100L),
        Arguments.of("§4.2.1 max-age wins over Expires", 200,
            "Cache-Control: max-age=5|Expires: " + date(100), 5L),
        Arguments.of("§5.3 invalid Expires means already expired", 200, "Expires: 0", 0L),
        Arguments.of("§5.3 Expires in the past", 200,
            "Date: " + date(0) + "|Expires: " + date(-100), 0L),
        Arguments.of("§4.2.1 Expires without Date uses the response time", 200,
            "Expires: " + date(50), 50L),
        Arguments.of("§4.2.1 conflicting max-age values are invalid: stale", 200,
            "Cache-Control: max-age=10, max-age=20", 0L),
        Arguments.of("§4.2.1 malformed max-age is invalid: stale", 200,
            "Cache-Control: max-age=abc", 0L),
        Arguments.of("§1.2.2 delta-seconds above 2^31 read as 2^31", 200,
            "Cache-Control: max-age=99999999999", 2147483648L),
        Arguments.of("§4.2.2 heuristic: 10% of Date - Last-Modified", 200,
            "Date: " + date(0) + "|Last-Modified: " + date(-5 * 86400), 43200L),
        Arguments.of("§4.2.2 heuristic capped at the configured maximum", 200,
            "Date: " + date(0) + "|Last-Modified: " + date(-100 * 86400), 86400L),
        Arguments.of("§4.2.2 no heuristic for a status not cacheable by default", 302,
            "Date: " + date(0) + "|Last-Modified: " + date(-5 * 86400), 0L),
        Arguments.of("§4.2.2 public allows a heuristic for any status", 302,
            "Cache-Control: public|Date: " + date(0) + "|Last-Modified: " + date(-5 * 86400),
            43200L),
        Arguments.of("§4.2.2 no validator, no explicit lifetime: zero", 200, "", 0L),
        Arguments.of("RFC 9213 §2.2 CDN-Cache-Control overrides Cache-Control", 200,
            "Cache-Control: max-age=10|CDN-Cache-Control: max-age=99", 99L),
        Arguments.of("RFC 9213 §2.2 targeted field ignores Expires", 200,
            "CDN-Cache-Control: public|Expires: " + date(100) + "|Date: " + date(0), 0L),
        Arguments.of("RFC 9213 §2.1 malformed targeted field is ignored", 200,
            "Cache-Control: max-age=10|CDN-Cache-Control: max-age=\"7", 10L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lifetimes")
  void freshnessLifetime(String rule, int status, String fields, long expectedSeconds) {
    Headers response = headers(fields);
    Freshness freshness = Freshness.of(status, response, TARGETED.select(response), T0, T0,
        HEURISTIC);

    assertThat(freshness.lifetimeMillis()).isEqualTo(expectedSeconds * 1000);
  }

  static Stream<Arguments> ages() {
    return Stream.of(
        Arguments.of("§4.2.3 resident time only", "", 0L, 0L, 0L, 30L, 30L),
        Arguments.of("§4.2.3 Age field adds to resident time", "Age: 100", 0L, 0L, 0L, 30L, 130L),
        Arguments.of("§4.2.3 apparent age from an old Date wins", "Age: 5", -20L, 0L, 0L, 0L,
            20L),
        Arguments.of("§4.2.3 response delay is added to the Age value", "Age: 10", 0L, -3L, 0L,
            0L, 13L),
        Arguments.of("§4.2.3 a Date in the future gives no negative age", "", 60L, 0L, 0L, 10L,
            10L),
        Arguments.of("§5.1 malformed Age is ignored", "Age: abc", 0L, 0L, 0L, 7L, 7L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ages")
  void currentAge(
      String rule, String fields, long dateOffset, long requestOffset, long responseOffset,
      long nowOffset, long expectedAge) {
    Headers response = headers(
        (fields.isEmpty() ? "" : fields + "|") + "Date: " + date(dateOffset));
    Freshness freshness = Freshness.of(200, response, TARGETED.select(response),
        T0 + requestOffset * 1000, T0 + responseOffset * 1000, HEURISTIC);

    assertThat(freshness.ageSeconds(T0 + nowOffset * 1000)).isEqualTo(expectedAge);
  }

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of("§4.2 fresh", "max-age=60", "", 30, Verdict.FRESH),
        Arguments.of("§4.2 stale without extensions must revalidate", "max-age=60", "", 61,
            Verdict.MUST_REVALIDATE),
        Arguments.of("§4.2 exactly at the lifetime is stale", "max-age=60", "", 60,
            Verdict.MUST_REVALIDATE),
        Arguments.of("§5.2.1.1 request max-age below the age", "max-age=60", "max-age=10", 30,
            Verdict.MUST_REVALIDATE),
        Arguments.of("§5.2.1.1 request max-age above the age", "max-age=60", "max-age=40", 30,
            Verdict.FRESH),
        Arguments.of("§5.2.1.3 min-fresh not met", "max-age=60", "min-fresh=40", 30,
            Verdict.MUST_REVALIDATE),
        Arguments.of("§5.2.1.3 min-fresh met", "max-age=60", "min-fresh=20", 30, Verdict.FRESH),
        Arguments.of("§5.2.1.2 max-stale accepts a little staleness", "max-age=60",
            "max-stale=10", 65, Verdict.STALE_ACCEPTED),
        Arguments.of("§5.2.1.2 max-stale exceeded", "max-age=60", "max-stale=10", 75,
            Verdict.MUST_REVALIDATE),
        Arguments.of("§5.2.1.2 max-stale without value accepts any staleness", "max-age=60",
            "max-stale", 100000, Verdict.STALE_ACCEPTED),
        Arguments.of("§5.2.2.2 must-revalidate overrides max-stale", "max-age=60, must-revalidate",
            "max-stale", 65, Verdict.MUST_REVALIDATE),
        Arguments.of("§5.2.2.8 proxy-revalidate overrides max-stale for a shared cache",
            "max-age=60, proxy-revalidate", "max-stale", 65, Verdict.MUST_REVALIDATE),
        Arguments.of("§5.2.2.10 s-maxage implies proxy-revalidate", "s-maxage=60", "max-stale",
            65, Verdict.MUST_REVALIDATE),
        Arguments.of("§5.2.2.4 response no-cache validates every use", "max-age=60, no-cache", "",
            1, Verdict.MUST_REVALIDATE),
        Arguments.of("§5.2.1.4 request no-cache validates", "max-age=60", "no-cache", 1,
            Verdict.MUST_REVALIDATE),
        Arguments.of("RFC 5861 §3 within stale-while-revalidate", "max-age=60, stale-while-revalidate=30",
            "", 70, Verdict.STALE_WHILE_REVALIDATE),
        Arguments.of("RFC 5861 §3 past stale-while-revalidate", "max-age=60, stale-while-revalidate=30",
            "", 95, Verdict.MUST_REVALIDATE),
        Arguments.of("RFC 5861 §3 must-revalidate disables stale-while-revalidate",
            "max-age=60, stale-while-revalidate=30, must-revalidate", "", 70,
            Verdict.MUST_REVALIDATE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void verdict(String rule, String cacheControl, String requestCacheControl, long nowOffset,
      Verdict expected) {
    Freshness freshness = stored(cacheControl);
    RequestDirectives request = requestCacheControl.isEmpty()
        ? RequestDirectives.NONE
        : RequestDirectives.parse(List.of(requestCacheControl));

    assertThat(freshness.verdict(request, T0 + nowOffset * 1000)).isEqualTo(expected);
  }

  static Stream<Arguments> staleIfError() {
    return Stream.of(
        Arguments.of("RFC 5861 §4 within stale-if-error", "max-age=60, stale-if-error=60", "", 100,
            true),
        Arguments.of("RFC 5861 §4 past stale-if-error", "max-age=60, stale-if-error=60", "", 130,
            false),
        Arguments.of("RFC 5861 §4 request stale-if-error", "max-age=60", "stale-if-error=100",
            100, true),
        Arguments.of("RFC 5861 §4 no window", "max-age=60", "", 61, false),
        Arguments.of("RFC 9111 §5.2.2.2 must-revalidate forbids stale on error",
            "max-age=60, must-revalidate, stale-if-error=600", "", 100, false),
        Arguments.of("RFC 9111 §5.2.2.4 no-cache forbids stale on error",
            "max-age=60, no-cache, stale-if-error=600", "", 100, false),
        Arguments.of("RFC 9111 §4.2 a fresh response may be served when the origin fails",
            "max-age=60", "", 30, true),
        Arguments.of("RFC 9111 §5.2.1.4 but not when the client asked for validation",
            "max-age=60", "no-cache", 30, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("staleIfError")
  void staleIfErrorWindow(String rule, String cacheControl, String requestCacheControl,
      long nowOffset, boolean expected) {
    Freshness freshness = stored(cacheControl);
    RequestDirectives request = requestCacheControl.isEmpty()
        ? RequestDirectives.NONE
        : RequestDirectives.parse(List.of(requestCacheControl));

    assertThat(freshness.staleIfErrorAllowed(request, T0 + nowOffset * 1000)).isEqualTo(expected);
  }

  private static Freshness stored(String cacheControl) {
    Headers response = headers("Cache-Control: " + cacheControl + "|Date: " + date(0));
    return Freshness.of(200, response, TARGETED.select(response), T0, T0, HEURISTIC);
  }
}
