package org.dmmedge.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.policy.Cacheability.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CacheabilityTest {
  private static final TargetedCacheControl TARGETED =
      new TargetedCacheControl(List.of("CDN-Cache-Control"));

  static Stream<Arguments> rules() {
    return Stream.of(
        row("§3 200 with max-age is storable", "GET", "", 200, "Cache-Control: max-age=60",
            Reason.STORABLE),
        row("§3 only GET responses are stored", "POST", "", 200, "Cache-Control: max-age=60",
            Reason.METHOD),
        row("§3 206 partial content is not stored", "GET", "", 206, "Cache-Control: max-age=60",
            Reason.STATUS),
        row("§3 304 is not stored", "GET", "", 304, "Cache-Control: max-age=60", Reason.STATUS),
        row("§3 1xx is not final", "GET", "", 103, "Cache-Control: max-age=60", Reason.STATUS),
        row("§3 an unknown status is not understood", "GET", "", 299,
            "Cache-Control: max-age=60", Reason.STATUS),
        row("§3 an unregistered 5xx is not understood", "GET", "", 599,
            "Cache-Control: max-age=60", Reason.STATUS),
        row("§3 429 (RFC 6585) with max-age is stored", "GET", "", 429,
            "Cache-Control: max-age=60", Reason.STORABLE),
        row("§5.2.2.5 response no-store", "GET", "", 200, "Cache-Control: max-age=60, no-store",
            Reason.NO_STORE),
        row("§5.2.1.5 request no-store", "GET", "Cache-Control: no-store", 200,
            "Cache-Control: max-age=60", Reason.NO_STORE_REQUEST),
        row("§5.2.2.7 private: shared cache must not store", "GET", "", 200,
            "Cache-Control: private, max-age=60", Reason.PRIVATE),
        row("§5.2.2.7 qualified private is treated as private", "GET", "", 200,
            "Cache-Control: private=\"Set-Cookie\", max-age=60", Reason.PRIVATE),
        row("§5.2.2.4 no-cache may be stored", "GET", "", 200, "Cache-Control: no-cache",
            Reason.STORABLE),
        row("§3.5 Authorization without public/s-maxage/must-revalidate", "GET",
            "Authorization: Basic eA==", 200, "Cache-Control: max-age=60", Reason.AUTHORIZATION),
        row("§3.5 Authorization with public", "GET", "Authorization: Basic eA==", 200,
            "Cache-Control: public, max-age=60", Reason.STORABLE),
        row("§3.5 Authorization with s-maxage", "GET", "Authorization: Basic eA==", 200,
            "Cache-Control: s-maxage=60", Reason.STORABLE),
        row("§3.5 Authorization with must-revalidate", "GET", "Authorization: Basic eA==", 200,
            "Cache-Control: must-revalidate, max-age=60", Reason.STORABLE),
        row("§4.1 Vary: * is never stored", "GET", "", 200, "Cache-Control: max-age=60|Vary: *",
            Reason.VARY_STAR),
        row("§4.1 Vary: Accept-Encoding is stored", "GET", "", 200,
            "Cache-Control: max-age=60|Vary: Accept-Encoding", Reason.STORABLE),
        row("§4.2.2 404 is cacheable by default", "GET", "", 404, "", Reason.STORABLE),
        row("§4.2.2 301 is cacheable by default", "GET", "", 301, "", Reason.STORABLE),
        row("§4.2.2 308 is cacheable by default", "GET", "", 308, "", Reason.STORABLE),
        row("§4.2.2 410 is cacheable by default", "GET", "", 410, "", Reason.STORABLE),
        row("§4.2.2 501 is cacheable by default", "GET", "", 501, "", Reason.STORABLE),
        row("§3 302 without explicit freshness is not stored", "GET", "", 302, "",
            Reason.NO_FRESHNESS_INFO),
        row("§3 302 with max-age is stored", "GET", "", 302, "Cache-Control: max-age=5",
            Reason.STORABLE),
        row("§3 500 with Expires is stored", "GET", "", 500,
            "Expires: Thu, 01 Jan 2026 00:10:00 GMT", Reason.STORABLE),
        row("§3 503 without explicit freshness is not stored", "GET", "", 503, "",
            Reason.NO_FRESHNESS_INFO),
        row("§3 public makes 307 storable", "GET", "", 307, "Cache-Control: public",
            Reason.STORABLE),
        row("RFC 9213 §2.2 CDN-Cache-Control no-store wins over Cache-Control", "GET", "", 200,
            "Cache-Control: max-age=60|CDN-Cache-Control: no-store", Reason.NO_STORE),
        row("RFC 9213 §2.2 CDN-Cache-Control max-age overrides Cache-Control private", "GET", "",
            200, "Cache-Control: private|CDN-Cache-Control: max-age=60", Reason.STORABLE),
        row("RFC 9213 §2.2 targeted field makes Expires ignored", "GET", "", 302,
            "Expires: Thu, 01 Jan 2026 00:10:00 GMT|CDN-Cache-Control: no-cache",
            Reason.NO_FRESHNESS_INFO),
        row("Content-Length above the maximum object size", "GET", "", 200,
            "Cache-Control: max-age=60|Content-Length: 1001", Reason.TOO_LARGE),
        row("Content-Length at the maximum object size", "GET", "", 200,
            "Cache-Control: max-age=60|Content-Length: 1000", Reason.STORABLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void storability(
      String rule, String method, Headers request, int status, Headers response, Reason expected) {
    Cacheability result = Cacheability.evaluate(
        method, request, RequestDirectives.of(request), status, response,
        TARGETED.select(response), 1000);

    assertThat(result.reason()).isEqualTo(expected);
    assertThat(result.storable()).isEqualTo(expected == Reason.STORABLE);
  }

  private static Arguments row(
      String rule, String method, String request, int status, String response, Reason expected) {
    return Arguments.of(rule, method, PolicyFixtures.headers(request), status,
        PolicyFixtures.headers(response), expected);
  }
}
