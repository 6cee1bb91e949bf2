package org.dmmedge.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpDatesTest {
  private static final long EXPECTED = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();

  @ParameterizedTest(name = "RFC 9110 §5.6.7 {0}")
  @CsvSource(delimiter = ';', value = {
      "IMF-fixdate; Sun, 06 Nov 1994 08:49:37 GMT",
      "RFC 850; Sunday, 06-Nov-94 08:49:37 GMT",
      "asctime; Sun Nov  6 08:49:37 1994"})
  void parsesTheThreeForms(String form, String value) {
    assertThat(HttpDates.parse(value)).isEqualTo(EXPECTED);
  }

  @ParameterizedTest(name = "RFC 9110 §5.6.7 invalid: \"{0}\"")
  @CsvSource(delimiter = ';', value = {"0", "-1", "tomorrow", "Sun, 06 Nov 1994 08:49:37 PST"})
  void rejectsInvalidDates(String value) {
    assertThat(HttpDates.parse(value)).isEqualTo(HttpDates.INVALID);
  }

  @ParameterizedTest(name = "round trip {0}")
  @CsvSource({"0", "784111777000", "1767225600000"})
  void formatsImfFixdate(long millis) {
    assertThat(HttpDates.parse(HttpDates.format(millis))).isEqualTo(millis);
  }
}
