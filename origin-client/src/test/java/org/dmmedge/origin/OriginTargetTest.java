package org.dmmedge.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OriginTargetTest {
  @Test
  void defaultPortsAreLeftOutOfTheAuthority() {
    assertThat(OriginTarget.of(URI.create("http://example.com/")).authority())
        .isEqualTo("example.com");
    assertThat(OriginTarget.of(URI.create("https://example.com:8443")).authority())
        .isEqualTo("example.com:8443");
    assertThat(OriginTarget.of(URI.create("http://[::1]:81")).authority()).isEqualTo("[::1]:81");
  }

  @Test
  void badTargetsNameTheField() {
    assertThatThrownBy(() -> OriginTarget.of(URI.create("ftp://x/")))
        .hasMessage("scheme: ftp (expected: http or https)");
    assertThatThrownBy(() -> new OriginTarget("http", "x", 0))
        .hasMessage("port: 0 (expected: 1..65535)");
    assertThatThrownBy(() -> OriginTarget.of(URI.create("/relative")))
        .hasMessageStartingWith("origin: /relative");
  }

  @Test
  void configRejectsOutOfRangeValues() {
    assertThatThrownBy(() -> OriginClientConfig.builder().connectTimeout(Duration.ZERO))
        .hasMessage("connectTimeout: PT0S (expected: > 0)");
    assertThatThrownBy(() -> OriginClientConfig.builder().connectRetries(11).build())
        .hasMessage("connectRetries: 11 (expected: 0..10)");
  }
}
