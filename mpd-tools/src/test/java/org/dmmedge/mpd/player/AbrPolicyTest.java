package org.dmmedge.mpd.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The throughput rule with safety factor 0.8, panic below 2 s, up-switch from 4 s. */
class AbrPolicyTest {
  private static final long S = 1_000_000_000L;
  private static final List<Long> LADDER = List.of(300_000L, 800_000L, 2_000_000L);

  private static AbrPolicy policy() {
    return new AbrPolicy(0.8, 2 * S, 4 * S);
  }

  /** Records one download at {@code bps} bits per second. */
  private static void measure(AbrPolicy p, long bps) {
    p.record(bps / 8, S);
  }

  @ParameterizedTest(name = "{0} bit/s, current {1}, buffer {2} s -> {3}")
  @CsvSource({
      "10000000, 0, 10, 2",   // plenty: top
      "2400000, 0, 10, 1",    // 0.8 * 2.4M = 1.92M < 2M: middle
      "2500000, 0, 10, 2",    // 0.8 * 2.5M = 2M: top
      "10000000, 0, 3, 0",    // fast, but 3 s < 4 s: no up-switch
      "10000000, 2, 1, 0",    // panic: lowest
      "500000, 2, 10, 0",     // 0.4M budget: down to the lowest
      "100000, 1, 10, 0"})    // below the ladder: lowest
  void choosesTheHighestAffordableBitrate(long bps, int current, long bufferSeconds, int chosen) {
    AbrPolicy p = policy();
    measure(p, bps);
    assertThat(p.choose(LADDER, current, bufferSeconds * S)).isEqualTo(chosen);
  }

  @Test
  void keepsTheCurrentBitrateBeforeAnyMeasurement() {
    assertThat(policy().choose(LADDER, 1, 0)).isEqualTo(1);
  }

  @Test
  void estimateIsTheHarmonicMeanOfTheLastThree() {
    AbrPolicy p = policy();
    measure(p, 100_000_000);
    measure(p, 1_000_000);
    measure(p, 1_000_000);
    measure(p, 1_000_000);
    assertThat(p.estimate()).isEqualTo(1_000_000, org.assertj.core.data.Offset.offset(1.0));
    measure(p, 4_000_000);
    // 3 / (1/1M + 1/1M + 1/4M) = 1.333M
    assertThat(p.estimate()).isEqualTo(4_000_000.0 / 3, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void safetyFactorIsChecked() {
    assertThatThrownBy(() -> new AbrPolicy(1.5, S, S))
        .hasMessage("safetyFactor: 1.5 (expected: (0, 1])");
  }
}
