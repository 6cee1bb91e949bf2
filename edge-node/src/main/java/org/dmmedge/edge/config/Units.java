package org.dmmedge.edge.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human units in configuration: durations ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 1d}) and sizes ({@code 512}, {@code 4KiB}, {@code 512MiB}, {@code 2GiB}, and the
 * decimal {@code kB}, {@code MB}, {@code GB}). Parsers throw {@link IllegalArgumentException}
 * whose message is what was expected, for {@link ConfigReader} to prefix with the path.
 */
public final class Units {
  static final String DURATION_EXPECTED = "a duration such as 250ms, 30s, 5m, 2h";
  static final String SIZE_EXPECTED = "a size such as 4096, 64KiB, 512MiB, 2GiB";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(-?\\d+)\\s*([a-z]*)");

  private Units() {}

  /** Parses a duration such as {@code 30s}. */
  public static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(DURATION_EXPECTED);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** Parses a size in bytes such as {@code 512MiB}. */
  public static long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || m.group(1).length() > 15) {
      throw new IllegalArgumentException(SIZE_EXPECTED);
    }
    long n = Long.parseLong(m.group(1));
    long unit = switch (m.group(2)) {
      case "", "b" -> 1L;
      case "kib", "k" -> 1L << 10;
      case "mib", "m" -> 1L << 20;
      case "gib", "g" -> 1L << 30;
      case "tib" -> 1L << 40;
      case "kb" -> 1_000L;
      case "mb" -> 1_000_000L;
      case "gb" -> 1_000_000_000L;
      default -> throw new IllegalArgumentException(SIZE_EXPECTED);
    };
    return Math.multiplyExact(n, unit);
  }
}
