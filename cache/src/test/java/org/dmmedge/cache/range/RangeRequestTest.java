package org.dmmedge.cache.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.dmmedge.cache.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RangeRequestTest {
  static Stream<Arguments> resolutions() {
    return Stream.of(
        Arguments.of("RFC 9110 §14.1.2 first-last", "bytes=0-99", 1000L, "bytes 0-99/1000"),
        Arguments.of("RFC 9110 §14.1.2 last beyond the end is clipped", "bytes=900-5000", 1000L,
            "bytes 900-999/1000"),
        Arguments.of("RFC 9110 §14.1.2 open range", "bytes=990-", 1000L, "bytes 990-999/1000"),
        Arguments.of("RFC 9110 §14.1.2 suffix", "bytes=-10", 1000L, "bytes 990-999/1000"),
        Arguments.of("RFC 9110 §14.1.2 suffix longer than the body", "bytes=-5000", 1000L,
            "bytes 0-999/1000"),
        Arguments.of("RFC 9110 §14.1.2 single byte", "bytes=5-5", 1000L, "bytes 5-5/1000"),
        Arguments.of("RFC 9110 §14.1.2 unit is case-insensitive", "BYTES=0-0", 10L,
            "bytes 0-0/10"),
        Arguments.of("RFC 9110 §14.1.2 first at the length is unsatisfiable", "bytes=1000-",
            1000L, null),
        Arguments.of("RFC 9110 §14.1.2 zero suffix is unsatisfiable", "bytes=-0", 1000L, null),
        Arguments.of("RFC 9110 §14.1.2 any range of an empty body is unsatisfiable", "bytes=0-",
            0L, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolutions")
  void resolves(String rule, String value, long length, String contentRange) {
    Optional<ByteRange> range = RangeRequest.parse(value).resolve(length);

    assertThat(range.map(ByteRange::contentRange).orElse(null)).isEqualTo(contentRange);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("RFC 9110 §14.1.1 other unit", "items=0-1", "the bytes unit"),
        Arguments.of("RFC 9110 §14.2 multiple ranges are not served", "bytes=0-1,5-6",
            "a single range"),
        Arguments.of("RFC 9110 §14.1.1 last before first", "bytes=5-1", "last-pos >= first-pos"),
        Arguments.of("RFC 9110 §14.1.1 no dash", "bytes=5", "first-last, first- or -suffix"),
        Arguments.of("RFC 9110 §14.1.1 not digits", "bytes=a-b", "byte positions of decimal digits"),
        Arguments.of("RFC 9110 §14.1.1 empty", "bytes=-", "byte positions of 1 to 18 digits"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformed(String rule, String value, String expected) {
    assertThatThrownBy(() -> RangeRequest.parse(value))
        .isInstanceOf(RangeParseException.class)
        .hasMessage("Range: \"" + value + "\" (expected: " + expected + ")");
  }

  static Stream<Arguments> ifRanges() {
    String lastModified = "Thu, 01 Jan 2026 00:00:00 GMT";
    Headers stored = Headers.of("ETag", "\"v1\"", "Last-Modified", lastModified);
    return Stream.of(
        Arguments.of("RFC 9110 §13.1.5 matching strong ETag", stored, "\"v1\"", true),
        Arguments.of("RFC 9110 §13.1.5 other ETag", stored, "\"v2\"", false),
        Arguments.of("RFC 9110 §13.1.5 weak ETag never matches", stored, "W/\"v1\"", false),
        Arguments.of("RFC 9110 §13.1.5 exact Last-Modified", stored, lastModified, true),
        Arguments.of("RFC 9110 §13.1.5 other date", stored, "Fri, 02 Jan 2026 00:00:00 GMT",
            false),
        Arguments.of("RFC 9110 §13.1.5 garbage", stored, "whenever", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ifRanges")
  void ifRange(String rule, Headers stored, String ifRange, boolean holds) {
    Headers request = Headers.of("Range", "bytes=0-1", "If-Range", ifRange);

    assertThat(RangeRequest.of(request, stored).isPresent()).isEqualTo(holds);
  }

  @Test
  void malformedRangeIsIgnored() {
    assertThat(RangeRequest.of(Headers.of("Range", "bytes=x"), Headers.empty())).isEmpty();
  }

  @Property
  void resolvedRangesLieWithinTheBody(
      @ForAll @LongRange(min = 0, max = 5000) long first,
      @ForAll @LongRange(min = 0, max = 5000) long span,
      @ForAll @LongRange(min = 0, max = 5000) long length) {
    RangeRequest request = RangeRequest.parse("bytes=" + first + "-" + (first + span));
    Optional<ByteRange> range = request.resolve(length);

    assertThat(range.isPresent()).isEqualTo(first < length);
    range.ifPresent(r -> {
      assertThat(r.offset()).isEqualTo(first);
      assertThat(r.last()).isEqualTo(Math.min(first + span, length - 1));
      assertThat(RangeRequest.parse("bytes=" + r.offset() + "-" + r.last()).resolve(length))
          .contains(r);
    });
  }

  @Property
  void suffixRangesEndAtTheLastByte(
      @ForAll @LongRange(min = 1, max = 5000) long suffix,
      @ForAll @LongRange(min = 1, max = 5000) long length) {
    ByteRange range = RangeRequest.parse("bytes=-" + suffix).resolve(length).orElseThrow();

    assertThat(range.last()).isEqualTo(length - 1);
    assertThat(range.length()).isEqualTo(Math.min(suffix, length));
  }
}
