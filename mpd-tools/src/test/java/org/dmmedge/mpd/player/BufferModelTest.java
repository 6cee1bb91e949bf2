package org.dmmedge.mpd.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The buffer model driven by hand-picked arrival times (seconds as nanos). */
class BufferModelTest {
  private static final long S = 1_000_000_000L;

  @Test
  void startsOnceTheStartThresholdIsBufferedAndDrainsInRealTime() {
    BufferModel b = new BufferModel(0, 4 * S, 2 * S);
    b.append(2 * S, S);
    assertThat(b.playing()).isFalse();
    assertThat(b.startupDelayNanos()).isEqualTo(-1);
    b.append(2 * S, 3 * S / 2);
    assertThat(b.playing()).isTrue();
    assertThat(b.startupDelayNanos()).isEqualTo(3 * S / 2);
    b.advance(5 * S / 2);
    assertThat(b.levelNanos()).isEqualTo(3 * S);
    assertThat(b.stallCount()).isZero();
  }

  @Test
  void emptyBufferStallsUntilTheResumeThresholdArrives() {
    BufferModel b = new BufferModel(0, 2 * S, 3 * S);
    b.append(2 * S, 0);
    b.append(2 * S, 10 * S); // 2 s from 0 ran dry at 2 s: stalled since
    assertThat(b.stallCount()).isEqualTo(1);
    assertThat(b.playing()).isFalse();
    b.append(2 * S, 12 * S); // 4 s buffered >= 3 s: resumes at 12 s
    assertThat(b.playing()).isTrue();
    assertThat(b.stallNanos()).isEqualTo(10 * S);
    assertThat(b.levelNanos()).isEqualTo(4 * S);
  }

  @Test
  void finishStartsShortContentAndClosesAStall() {
    BufferModel shortClip = new BufferModel(0, 10 * S, 10 * S);
    shortClip.append(3 * S, S);
    shortClip.finish(2 * S);
    assertThat(shortClip.startupDelayNanos()).isEqualTo(2 * S);
    assertThat(shortClip.playing()).isTrue();

    BufferModel stalled = new BufferModel(0, S, 5 * S);
    stalled.append(S, 0);
    stalled.append(S, 3 * S); // dry at 1 s
    stalled.finish(4 * S);
    assertThat(stalled.stallCount()).isEqualTo(1);
    assertThat(stalled.stallNanos()).isEqualTo(3 * S);
  }

  @Test
  void thresholdsMustBePositive() {
    assertThatThrownBy(() -> new BufferModel(0, 0, S))
        .hasMessageContaining("(expected: > 0)");
  }
}
