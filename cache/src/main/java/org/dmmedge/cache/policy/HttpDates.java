package org.dmmedge.cache.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * HTTP-date parsing and formatting (RFC 9110 §5.6.7): IMF-fixdate, the obsolete RFC 850 form
 * and asctime. Thread-safe (immutable formatters).
 */
public final class HttpDates {
  /** Returned by {@link #parse} for a missing or malformed date. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  // RFC 850 two-digit years: read within 50 years around 2000 is close enough to §5.6.7's rule.
  private static final DateTimeFormatter RFC_850 =
      new DateTimeFormatterBuilder()
          .appendPattern("EEEE, dd-MMM-")
          .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.of(1970, 1, 1))
          .appendPattern(" HH:mm:ss 'GMT'")
          .toFormatter(Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)
          .withZone(ZoneOffset.UTC);

  private HttpDates() {}

  /**
   * Milliseconds since the epoch of an HTTP-date, or {@link #INVALID} when {@code value} is null
   * or in none of the three forms.
   */
  public static long parse(String value) {
    if (value == null) {
      return INVALID;
    }
    String trimmed = value.trim();
    for (DateTimeFormatter format : new DateTimeFormatter[] {IMF_FIXDATE, RFC_850, ASCTIME}) {
      try {
        return ZonedDateTime.parse(trimmed, format).toInstant().toEpochMilli();
      } catch (DateTimeParseException notThisForm) {
        // try the next form
      }
    }
    return INVALID;
  }

  /** The IMF-fixdate of {@code epochMillis} (seconds precision). */
  public static String format(long epochMillis) {
    return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
  }
}
