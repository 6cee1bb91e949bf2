package org.dmmedge.mpd.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Duration ↔ ticks conversions are floors, on the fast path and beyond it. */
class TicksTest {
  @Property
  void ofIsTheSaturatedFloorOfDurationTimesTimescale(
      @ForAll @LongRange(min = -5_000_000_000L, max = 5_000_000_000L) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos,
      @ForAll @LongRange(min = 1, max = 0xFFFF_FFFFL) long timescale) {
    Duration d = Duration.ofSeconds(seconds, nanos);
    BigDecimal exact = new BigDecimal(seconds).add(BigDecimal.valueOf(nanos, 9))
        .multiply(BigDecimal.valueOf(timescale)).setScale(0, RoundingMode.FLOOR);
    BigDecimal saturated = exact.max(BigDecimal.valueOf(Long.MIN_VALUE))
        .min(BigDecimal.valueOf(Long.MAX_VALUE));
    assertThat(Ticks.of(d, timescale)).isEqualTo(saturated.longValueExact());
  }

  @Test
  void saturatesInsteadOfOverflowing() {
    assertThat(Ticks.of(Duration.ofSeconds(Long.MAX_VALUE / 2), 0xFFFF_FFFFL))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Ticks.of(Duration.ofSeconds(Long.MIN_VALUE / 2), 90_000))
        .isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void toDurationIsTheFloorToTheNanosecond() {
    assertThat(Ticks.toDuration(1, 3)).isEqualTo(Duration.ofNanos(333_333_333));
    assertThat(Ticks.toDuration(-1, 3)).isEqualTo(Duration.ofNanos(-333_333_334));
    assertThat(Ticks.toDuration(7, 2, Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(13_500));
  }
}
