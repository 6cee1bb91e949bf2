package org.dmmedge.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrefetchConfigTest {
  @Test
  void defaultsAreTwoSegmentsAheadWithoutNeighboursAndCmcdKeptFromOrigins() {
    PrefetchConfig d = PrefetchConfig.defaults();
    assertThat(d.enabled()).isTrue();
    assertThat(d.segments()).isEqualTo(2);
    assertThat(d.neighbours()).isFalse();
    assertThat(d.cmcdHints()).isTrue();
    assertThat(d.cmcdForward()).isFalse();
    assertThat(PrefetchConfig.builder().build()).isEqualTo(d);
    assertThat(d.manifestBudgetBytes()).isEqualTo(64L * (1 << 20) / 4);
  }

  @Test
  void eachBadValueIsNamed() {
    assertThatThrownBy(() -> PrefetchConfig.builder().segments(33).build())
        .hasMessage("segments: 33 (expected: an integer in 0..32)");
    assertThatThrownBy(() -> PrefetchConfig.builder().concurrency(0).build())
        .hasMessage("concurrency: 0 (expected: an integer in 1..1024)");
    assertThatThrownBy(() -> PrefetchConfig.builder().queueSize(-1).build())
        .hasMessage("queueSize: -1 (expected: an integer in 0..1000000)");
    assertThatThrownBy(() -> PrefetchConfig.builder().manifests(0).build())
        .hasMessage("manifests: 0 (expected: an integer in 1..100000)");
    assertThatThrownBy(() -> PrefetchConfig.builder().manifestMaxBytes(100).build())
        .hasMessage("manifestMaxBytes: 100 (expected: >= 1KiB and <= 16MiB)");
  }
}
