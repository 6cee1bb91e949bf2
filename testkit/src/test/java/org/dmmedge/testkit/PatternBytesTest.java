package org.dmmedge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pattern's digest against digests of files holding it, exact and damaged. */
class PatternBytesTest {
  @TempDir Path dir;

  private static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i % 251);
    }
    return b;
  }

  @Test
  void nothingIsTheEmptyDigest() {
    assertThat(PatternBytes.sha256(0))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void aFileHoldingThePatternHasItsDigestAcrossBlockBoundaries() throws Exception {
    for (int n : new int[] {1, 250, 251, 251 * 256, 251 * 256 + 7, 1 << 20}) {
      Path file = Files.write(dir.resolve("p" + n), pattern(n));
      assertThat(PatternBytes.sha256(file)).as(n + " bytes").isEqualTo(PatternBytes.sha256(n));
    }
  }

  @Test
  void oneChangedOrMissingByteChangesTheDigest() throws Exception {
    byte[] damaged = pattern(100_000);
    damaged[70_000] ^= 1;
    assertThat(PatternBytes.sha256(Files.write(dir.resolve("damaged"), damaged)))
        .isNotEqualTo(PatternBytes.sha256(100_000));
    assertThat(PatternBytes.sha256(Files.write(dir.resolve("short"), pattern(99_999))))
        .isNotEqualTo(PatternBytes.sha256(100_000));
  }
}
