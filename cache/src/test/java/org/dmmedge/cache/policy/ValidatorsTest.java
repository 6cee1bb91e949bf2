package org.dmmedge.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmmedge.cache.policy.PolicyFixtures.headers;

import java.util.stream.Stream;
import org.dmmedge.cache.Headers;
import org.dmmedge.cache.policy.Validators.ClientCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorsTest {
  private static final String LAST_MODIFIED = "Thu, 01 Jan 2026 00:00:00 GMT";
  private static final String EARLIER = "Wed, 31 Dec 2025 00:00:00 GMT";
  private static final String LATER = "Fri, 02 Jan 2026 00:00:00 GMT";

  @Test
  void conditionalHeadersFromEtagAndLastModified() {
    Headers stored = headers("ETag: \"v1\"|Last-Modified: " + LAST_MODIFIED);

    Headers conditional = Validators.conditionalHeaders(stored);

    assertThat(conditional.get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(conditional.get("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
  }

  @Test
  void noValidatorsNoConditionalHeaders() {
    assertThat(Validators.conditionalHeaders(headers("Last-Modified: garbage")).isEmpty())
        .isTrue();
  }

  static Stream<Arguments> headResponses() {
    String stored = "ETag: \"v1\"|Last-Modified: " + LAST_MODIFIED;
    return Stream.of(
        Arguments.of("same ETag, Last-Modified and length", stored,
            "ETag: \"v1\"|Last-Modified: " + LAST_MODIFIED + "|Content-Length: 5", true),
        Arguments.of("same ETag only", stored, "ETag: \"v1\"", true),
        Arguments.of("same length, no validators", "X: 1", "Content-Length: 5", true),
        Arguments.of("other ETag", stored, "ETag: \"v2\"|Content-Length: 5", false),
        Arguments.of("weak form of the same tag", stored, "ETag: W/\"v1\"", false),
        Arguments.of("ETag the stored response lacks", "X: 1", "ETag: \"v1\"", false),
        Arguments.of("later Last-Modified", stored, "Last-Modified: " + LATER, false),
        Arguments.of("unparseable Last-Modified", stored, "Last-Modified: soon", false),
        Arguments.of("other length", stored, "ETag: \"v1\"|Content-Length: 6", false),
        Arguments.of("nothing to compare", stored, "Cache-Control: max-age=60", false));
  }

  @ParameterizedTest(name = "RFC 9111 §4.3.5: {0} -> {3}")
  @MethodSource("headResponses")
  void aHeadResponseMatchesTheStoredOneOnValidatorsAndLength(
      String name, String stored, String head, boolean matches) {
    assertThat(Validators.headMatches(headers(stored), 5, headers(head))).isEqualTo(matches);
  }

  @Test
  void mergeReplacesStoredFieldsButKeepsFramingAndEncoding() {
    Headers stored = headers("Content-Type: video/mp4|Content-Length: 100|Content-Encoding: gzip"
        + "|Cache-Control: max-age=1|ETag: \"v1\"|X-Old: 1|X-Multi: a|X-Multi: b");
    Headers notModified = headers("Cache-Control: max-age=600|Content-Length: 0"
        + "|Content-Encoding: identity|X-Multi: c|Connection: close|Date: " + LATER);

    Headers merged = Validators.merge(stored, notModified);

    assertThat(merged.get("Cache-Control")).isEqualTo("max-age=600");
    assertThat(merged.get("Content-Length")).isEqualTo("100");
    assertThat(merged.get("Content-Encoding")).isEqualTo("gzip");
    assertThat(merged.getAll("X-Multi")).containsExactly("c");
    assertThat(merged.get("X-Old")).isEqualTo("1");
    assertThat(merged.get("Date")).isEqualTo(LATER);
    assertThat(merged.contains("Connection")).isFalse();
  }

  @Test
  void notModifiedWithAnotherStrongEtagDoesNotMatch() {
    assertThat(Validators.notModifiedMatches(headers("ETag: \"v1\""), headers("ETag: \"v2\"")))
        .isFalse();
    assertThat(Validators.notModifiedMatches(headers("ETag: \"v1\""), headers("ETag: \"v1\"")))
        .isTrue();
    assertThat(Validators.notModifiedMatches(headers("ETag: \"v1\""), headers(""))).isTrue();
  }

  static Stream<Arguments> clientConditions() {
    String stored = "ETag: \"v1\"|Last-Modified: " + LAST_MODIFIED;
    return Stream.of(
        Arguments.of("RFC 9110 §13.1.2 If-None-Match matches", stored, "If-None-Match: \"v1\"",
            ClientCondition.NOT_MODIFIED),
        Arguments.of("RFC 9110 §13.1.2 weak comparison: W/ ignored", stored,
            "If-None-Match: W/\"v1\"", ClientCondition.NOT_MODIFIED),
        Arguments.of("RFC 9110 §13.1.2 list with a match", stored,
            "If-None-Match: \"x\", \"v1\"", ClientCondition.NOT_MODIFIED),
        Arguments.of("RFC 9110 §13.1.2 a comma inside a tag", "ETag: \"a,b\"",
            "If-None-Match: \"c\", \"a,b\"", ClientCondition.NOT_MODIFIED),
        Arguments.of("RFC 9110 §13.1.2 no match", stored, "If-None-Match: \"v2\"",
            ClientCondition.NONE),
        Arguments.of("RFC 9110 §13.1.2 star matches any", stored, "If-None-Match: *",
            ClientCondition.NOT_MODIFIED),
        Arguments.of("RFC 9110 §13.1.3 If-Modified-Since at Last-Modified", stored,
            "If-Modified-Since: " + LAST_MODIFIED, ClientCondition.NOT_MODIFIED),
        Arguments.of("RFC 9110 §13.1.3 If-Modified-Since later", stored,
            "If-Modified-Since: " + LATER, ClientCondition.NOT_MODIFIED),
        Arguments.of("RFC 9110 §13.1.3 If-Modified-Since earlier", stored,
            "If-Modified-Since: " + EARLIER, ClientCondition.NONE),
        Arguments.of("RFC 9110 §13.1.3 invalid If-Modified-Since is ignored", stored,
            "If-Modified-Since: yesterday", ClientCondition.NONE),
        Arguments.of("RFC 9110 §13.2.2 If-None-Match takes precedence over If-Modified-Since",
            stored, "If-None-Match: \"v2\"|If-Modified-Since: " + LATER, ClientCondition.NONE),
        Arguments.of("RFC 9110 §13.1.1 If-Match strong match", stored, "If-Match: \"v1\"",
            ClientCondition.NONE),
        Arguments.of("RFC 9110 §13.1.1 If-Match fails on weak tags", "ETag: W/\"v1\"",
            "If-Match: W/\"v1\"", ClientCondition.PRECONDITION_FAILED),
        Arguments.of("RFC 9110 §13.1.1 If-Match mismatch", stored, "If-Match: \"v2\"",
            ClientCondition.PRECONDITION_FAILED),
        Arguments.of("RFC 9110 §13.1.4 If-Unmodified-Since earlier than Last-Modified", stored,
            "If-Unmodified-Since: " + EARLIER, ClientCondition.PRECONDITION_FAILED),
        Arguments.of("RFC 9110 §13.1.4 If-Unmodified-Since later", stored,
            "If-Unmodified-Since: " + LATER, ClientCondition.NONE),
        Arguments.of("no conditional fields", stored, "", ClientCondition.NONE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientConditions")
  void clientConditional(String rule, String stored, String request, ClientCondition expected) {
    assertThat(Validators.evaluate(headers(request), headers(stored))).isEqualTo(expected);
  }

  @Test
  void notModifiedHeadersKeepOnlyTheFieldsOf304() {
    Headers stored = headers("Content-Type: video/mp4|Content-Length: 5|ETag: \"v1\""
        + "|Cache-Control: max-age=60|Vary: Accept|Date: " + LAST_MODIFIED);

    Headers fields = Validators.notModifiedHeaders(stored);

    assertThat(fields.contains("Content-Type")).isFalse();
    assertThat(fields.contains("Content-Length")).isFalse();
    assertThat(fields.get("ETag")).isEqualTo("\"v1\"");
    assertThat(fields.get("Vary")).isEqualTo("Accept");
    assertThat(fields.get("Cache-Control")).isEqualTo("max-age=60");
  }
}
