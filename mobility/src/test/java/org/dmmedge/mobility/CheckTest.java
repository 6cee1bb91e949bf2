package org.dmmedge.mobility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each check passes its bounds and names field, value and expectation past them. */
class CheckTest {

  @Test
  void rangesIncludeTheirBounds() {
    assertThat(Check.inRange("n", 0, 0, 32)).isZero();
    assertThat(Check.inRange("n", 32, 0, 32)).isEqualTo(32);
    assertThatThrownBy(() -> Check.inRange("n", 33, 0, 32))
        .hasMessage("n: 33 (expected: 0..32)");
    assertThatThrownBy(() -> Check.inRange("n", -1, 0, 32))
        .hasMessage("n: -1 (expected: 0..32)");
  }

  @Test
  void portsAreOneTo65535() {
    assertThat(Check.port("p", 1)).isOne();
    assertThat(Check.port("p", 65_535)).isEqualTo(65_535);
    assertThatThrownBy(() -> Check.port("p", 0)).hasMessage("p: 0 (expected: 1..65535)");
    assertThatThrownBy(() -> Check.port("p", 65_536))
        .hasMessage("p: 65536 (expected: 1..65535)");
  }

  @Test
  void positiveNumbersAndDurations() {
    assertThat(Check.positive("c", 1)).isOne();
    assertThatThrownBy(() -> Check.positive("c", 0)).hasMessage("c: 0 (expected: >= 1)");
    assertThat(Check.positive("d", Duration.ofNanos(1))).isEqualTo(Duration.ofNanos(1));
    assertThatThrownBy(() -> Check.positive("d", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("d: PT0S (expected: > 0)");
    assertThatThrownBy(() -> Check.positive("d", Duration.ofSeconds(-1)))
        .hasMessage("d: PT-1S (expected: > 0)");
    assertThatThrownBy(() -> Check.positive("d", (Duration) null))
        .isInstanceOf(NullPointerException.class).hasMessage("d");
  }
}
