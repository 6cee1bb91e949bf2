package org.dmmedge.mobility;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks the configurations of this module share, each failing with the error
 * text of STYLE.md: {@code field: value (expected: ...)}.
 */
public final class Check {
  private Check() {}

  /** {@code value} if it lies in {@code min..max}. */
  public static int inRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + ".." + max
          + ")");
    }
    return value;
  }

  /** {@code value} if it is a TCP/UDP port, 1..65535. */
  public static int port(String field, int value) {
    return inRange(field, value, 1, 65_535);
  }

  /** {@code value} if it is at least 1. */
  public static int positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: >= 1)");
    }
    return value;
  }

  /** {@code value} if it is longer than zero; a null one is named by {@code field}. */
  public static Duration positive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
    }
    return value;
  }
}
