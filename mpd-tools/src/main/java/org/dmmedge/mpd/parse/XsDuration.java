package org.dmmedge.mpd.parse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * XML Schema {@code xs:duration} ({@code [-]PnYnMnDTnHnMnS}) as used by every MPD duration
 * attribute. Years and months have no fixed length; like the common players we count a year as
 * 365 days and a month as 30 days (MPDs practically never use them). Fractional seconds are
 * kept to the nanosecond (further digits are truncated).
 */
public final class XsDuration {
  private static final Pattern FORMAT = Pattern.compile(
      "(-)?P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?"
          + "(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d*)?|\\.\\d+)S)?)?");
  private static final BigInteger DAY = BigInteger.valueOf(86_400);
  private static final BigInteger MAX_SECONDS = BigInteger.valueOf(Long.MAX_VALUE);

  private XsDuration() {}

  /**
   * Parses an {@code xs:duration}.
   *
   * @throws IllegalArgumentException with the shape {@code "text (expected: ...)"} when the
   *     text is not a duration or does not fit a {@link Duration}
   */
  public static Duration parse(String text) {
    String s = text.trim();
    Matcher m = FORMAT.matcher(s);
    if (!m.matches() || s.endsWith("T") || s.equals("P") || s.equals("-P")) {
      throw new IllegalArgumentException(text + " (expected: xs:duration such as PT2S or P1DT1H)");
    }
    BigInteger seconds = part(m.group(2), 365).add(part(m.group(3), 30)).add(part(m.group(4), 1))
        .multiply(DAY)
        .add(part(m.group(5)).multiply(BigInteger.valueOf(3600)))
        .add(part(m.group(6)).multiply(BigInteger.valueOf(60)));
    long nanos = 0;
    if (m.group(7) != null) {
      BigDecimal sec = new BigDecimal(m.group(7).startsWith(".") ? "0" + m.group(7) : m.group(7));
      seconds = seconds.add(sec.toBigInteger());
      nanos = sec.remainder(BigDecimal.ONE).movePointRight(9).longValue();
    }
    if (seconds.compareTo(MAX_SECONDS) > 0) {
      throw new IllegalArgumentException(text + " (expected: a duration below 2^63 seconds)");
    }
    Duration d = Duration.ofSeconds(seconds.longValueExact(), nanos);
    return m.group(1) != null ? d.negated() : d;
  }

  /** Formats as {@code PT<seconds>S} (fraction only when needed), the inverse of {@link #parse}. */
  public static String format(Duration d) {
    Duration abs = d.abs();
    BigDecimal seconds = BigDecimal.valueOf(abs.getSeconds())
        .add(BigDecimal.valueOf(abs.getNano(), 9)).stripTrailingZeros();
    return (d.isNegative() ? "-" : "") + "PT" + seconds.toPlainString() + "S";
  }

  private static BigInteger part(String digits) {
    return digits == null ? BigInteger.ZERO : new BigInteger(digits);
  }

  private static BigInteger part(String digits, int days) {
    return part(digits).multiply(BigInteger.valueOf(days));
  }
}
