package org.dmmedge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The byte pattern the test beds' long transfers carry (byte {@code i} is {@code i % 251}, as
 * conf/testbed/traffic's paced server and origin send it: a prime period, so a dropped,
 * repeated or reordered block changes the digest) and SHA-256 checks of what arrived.
 */
public final class PatternBytes {
  private static final int PERIOD = 251;

  private PatternBytes() {}

  /** SHA-256 (hex) of the first {@code total} bytes of the pattern. */
  public static String sha256(long total) {
    MessageDigest sha = sha();
    byte[] block = new byte[PERIOD * 256];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i % PERIOD);
    }
    for (long done = 0; done < total; ) {
      int n = (int) Math.min(block.length, total - done);
      sha.update(block, 0, n);
      done += n;
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** SHA-256 (hex) of {@code file}'s content. */
  public static String sha256(Path file) throws IOException {
    MessageDigest sha = sha();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
