package org.dmmedge.mobility.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.dmmedge.mobility.TestNetwork;
import org.junit.jupiter.api.Test;

/** Builder checks: each error names the field, its value and what was expected. */
class CmdConfigTest {
  @Test
  void defaults() {
    CmdConfig config = CmdConfig.builder()
        .securityAssociation(TestNetwork.key(1, TestNetwork.loopback(1))).build();
    assertThat(config.mode()).isEqualTo(CmdMode.RELAY);
    assertThat(config.marPort()).isEqualTo(5436);
    assertThat(config.timestampWindow()).isEqualTo(Duration.ofMillis(300));
    assertThat(config.acceptMadOptions()).isFalse();
    assertThat(config.journalDirectory()).isEmpty();
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> CmdConfig.builder().marPort(0))
        .hasMessage("marPort: 0 (expected: 1..65535)");
    assertThatThrownBy(() -> CmdConfig.builder().maxLifetime(Duration.ZERO))
        .hasMessage("maxLifetime: PT0S (expected: > 0)");
    assertThatThrownBy(() -> CmdConfig.builder().build())
        .hasMessageStartingWith("securityAssociations: [] (expected: one per MAR");
    assertThatThrownBy(() -> CmdConfig.builder()
        .securityAssociation(TestNetwork.key(1, TestNetwork.loopback(1)))
        .securityAssociation(TestNetwork.key(1, TestNetwork.loopback(2))).build())
        .hasMessageContaining("(expected: distinct SPIs)");
  }
}
