package org.dmmedge.mpd.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder refuses bad values at the setter, naming the field. */
class PlayerConfigTest {
  @Test
  void defaults() {
    PlayerConfig c = PlayerConfig.builder().build();
    assertThat(c.bufferTarget()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.startThreshold()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.safetyFactor()).isEqualTo(0.8);
    assertThat(c.proxy()).isEmpty();
    assertThat(c.maxContent()).isEmpty();
  }

  @Test
  void settersCheckTheirArgument() {
    assertThatThrownBy(() -> PlayerConfig.builder().bufferTarget(Duration.ZERO))
        .hasMessage("bufferTarget: PT0S (expected: > 0)");
    assertThatThrownBy(() -> PlayerConfig.builder().maxContent(Duration.ofSeconds(-1)))
        .hasMessage("maxContent: PT-1S (expected: > 0)");
    assertThatThrownBy(() -> PlayerConfig.builder().proxy(URI.create("http://edge")))
        .hasMessage("proxy: http://edge (expected: http://host:port)");
    assertThatThrownBy(() -> PlayerConfig.builder().safetyFactor(0).build())
        .hasMessage("safetyFactor: 0.0 (expected: (0, 1])");
  }
}
