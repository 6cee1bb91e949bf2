package org.dmmedge.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code prefetch:} section of the edge YAML, through the real loader. */
class PrefetchSectionTest {
  private static EdgeConfig load(String yaml) {
    return ConfigLoader.read(ConfigLoader.parseTree(yaml, "test.yaml"));
  }

  @Test
  void anAbsentSectionGivesTheDefaults() {
    assertThat(load("name: n\n").prefetch()).isEqualTo(PrefetchConfig.defaults());
  }

  @Test
  void everyOptionIsRead() {
    PrefetchConfig p = load("""
        prefetch:
          enabled: true
          segments: 3
          concurrency: 8
          queueSize: 16
          neighbours: true
          manifests: 10
          manifestMaxSize: 256KiB
          cmcd:
            hints: false
            forward: true
        """).prefetch();
    assertThat(p).isEqualTo(new PrefetchConfig(true, 3, 8, 16, true, 10, 256 * 1024, false,
        true));
  }

  @Test
  void badValuesAndUnknownKeysAreAllReportedWithTheirPaths() {
    assertThatThrownBy(() -> load("""
        prefetch:
          segments: 100
          concurrency: zero
          manifestMaxSize: 64MiB
          neighbors: true
          cmcd:
            forward: maybe
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("prefetch.segments: 100 (expected: an integer in 0..32)")
        .hasMessageContaining("prefetch.concurrency: zero (expected: an integer in 1..1024)")
        .hasMessageContaining("prefetch.manifestMaxSize: 64MiB (expected: >= 1KiB and <= 16MiB)")
        .hasMessageContaining("prefetch.neighbors: unknown option")
        .hasMessageContaining("prefetch.cmcd.forward: \"maybe\" (expected: true or false)");
  }
}
