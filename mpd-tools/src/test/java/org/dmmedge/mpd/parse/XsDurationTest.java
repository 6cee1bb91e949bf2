package org.dmmedge.mpd.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** XML Schema Part 2 §3.2.6 {@code xs:duration} as MPDs write it. */
class XsDurationTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "PT2S, PT2S",
      "PT0H0M49.598000000S, PT49.598S",
      "P0Y0M0DT0H0M16S, PT16S",
      "P1DT1H, PT25H",
      "PT1H2M3.5S, PT1H2M3.5S",
      "PT.5S, PT0.5S",
      "PT0.0000000019S, PT0.000000001S",
      "-PT5S, PT-5S",
      "P1Y, PT8760H",
      "P1M, PT720H",
      "PT0S, PT0S"})
  void parses(String text, String expected) {
    assertThat(XsDuration.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"", "P", "PT", "2S", "PT1.5M", "P1S", "PT-1S", "P1DT",
      "P99999999999999999999DT1S", "PT1,5S"})
  void refuses(String text) {
    assertThatThrownBy(() -> XsDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(expected: ");
  }

  @Property
  void formatThenParseIsIdentity(
      @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    Duration d = Duration.ofSeconds(seconds, nanos);
    assertThat(XsDuration.parse(XsDuration.format(d))).isEqualTo(d);
  }
}
